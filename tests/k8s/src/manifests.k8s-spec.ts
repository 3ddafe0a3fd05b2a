import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_NAMES, PROCESSOR_LIMITS } from '@app/contracts';
import { configVariablesOf } from '@app/testing';
import {
  COMPOSE_SERVICES,
  DASHBOARD_VARIABLES,
  defaultPortOf,
  healthPathsOf,
  METRICS_PATH,
  ROOT,
  SERVER_APPS,
  type ServerApp,
} from './app-facts';
import { allContainers, isWorkload, renderOverlay, type Container, type Manifest, type Probe, type Workload } from './rendered-overlay';

const OVERLAYS_DIR = join(ROOT, 'deploy/k8s/overlays');
const OVERLAYS = readdirSync(OVERLAYS_DIR).sort();
const SECRET_NAME = 'rate-runner-secrets';
const KUBERNETES_DOC = readFileSync(join(ROOT, 'docs/kubernetes.md'), 'utf8');
/** docs/operations.md ("Upgrading"): give each process at least 15 s before SIGKILL. */
const MIN_GRACE_SECONDS = 15;
/** A config naming one node and a list of nodes at once is refused: at most one of each pair. */
const SINGLE_AND_LIST = [
  ['AMQP_URL', 'AMQP_URLS'],
  ['ELASTICSEARCH_URL', 'ELASTICSEARCH_NODES'],
] as const;
/** A value with a user and password in it: `scheme://user:password@host`. */
const CREDENTIALS_IN_URL = /:\/\/[^/\s:@]+:[^/\s@]+@/;
/** A variable whose value is a secret by its name. */
const SECRET_LIKE_NAME = /TOKEN|PASSWORD|SECRET/;

/** `rate-runner-api:1.2` or `registry.example.com/rate-runner-api:1.2` -> `rate-runner-api`. */
const imageName = (image: string): string => image.replace(/[:@][^/]*$/, '').replace(/^.*\//, '');
const httpPort = (container: Container): number | undefined => container.ports?.find((port) => port.name === 'http')?.containerPort;
/** A probe's HTTP port, by name resolved against the container's ports. */
const probePort = (container: Container, probe: Probe | undefined): number | undefined => {
  const port = probe?.httpGet?.port;
  return typeof port === 'string' ? container.ports?.find((candidate) => candidate.name === port)?.containerPort : port;
};

describe.each(OVERLAYS)('the %s overlay of deploy/k8s', (overlay) => {
  let manifests: Manifest[];
  let workloads: Workload[];
  const ofKind = (kind: string): Manifest[] => manifests.filter((manifest) => manifest.kind === kind);
  const workload = (name: string): Workload => {
    const found = workloads.find((candidate) => candidate.kind === 'Deployment' && candidate.metadata.name === name);
    if (!found) throw new Error(`no Deployment ${name} in the ${overlay} overlay`);
    return found;
  };
  const appContainer = (app: ServerApp | 'dashboard'): Container => workload(app).spec.template.spec.containers[0];
  /** The variables a container gets: its own `env`, and the keys of each ConfigMap it takes whole. */
  const envOf = (container: Container): Map<string, string | undefined> => {
    const variables = new Map<string, string | undefined>();
    for (const source of container.envFrom ?? []) {
      const name = source.configMapRef?.name;
      const configMap = ofKind('ConfigMap').find((candidate) => candidate.metadata.name === name);
      if (!configMap) throw new Error(`${container.name} takes its env from ${JSON.stringify(source)}, which the overlay does not render`);
      for (const [key, value] of Object.entries(configMap.data ?? {})) variables.set(key, value);
    }
    for (const variable of container.env ?? []) variables.set(variable.name, variable.value);
    return variables;
  };

  beforeAll(async () => {
    manifests = await renderOverlay(join(OVERLAYS_DIR, overlay));
    workloads = manifests.filter(isWorkload);
  });

  it('runs the four apps, two api instances and two schedulers (one leads, one stands by)', () => {
    expect(workloads.filter((candidate) => candidate.kind === 'Deployment').map((candidate) => candidate.metadata.name)).toEqual(
      expect.arrayContaining([...SERVER_APPS, 'dashboard']),
    );
    expect(workload('api').spec.replicas).toBe(2);
    expect(workload('scheduler').spec.replicas).toBe(2);
  });

  it('gives every container readiness and liveness probes', () => {
    const missing = workloads.flatMap((candidate) =>
      candidate.spec.template.spec.containers
        .filter((container) => !container.readinessProbe || !container.livenessProbe)
        .map((container) => `${candidate.metadata.name}/${container.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every container CPU and memory requests and limits', () => {
    const missing = workloads.flatMap((candidate) =>
      allContainers(candidate.spec.template.spec)
        .filter((container) =>
          ['requests', 'limits'].some((bound) => {
            const resources = container.resources?.[bound as 'requests' | 'limits'];
            return !resources?.['cpu'] || !resources['memory'];
          }),
        )
        .map((container) => `${candidate.metadata.name}/${container.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('runs every container as a non-root user, without privileges, under the runtime default seccomp profile', () => {
    const faults = workloads.flatMap((candidate) => {
      const pod = candidate.spec.template.spec;
      return allContainers(pod).flatMap((container) => {
        const where = `${candidate.metadata.name}/${container.name}`;
        const context = { ...pod.securityContext, ...container.securityContext };
        const faultsOf: string[] = [];
        if (context.runAsNonRoot !== true) faultsOf.push(`${where}: runAsNonRoot is not true`);
        // Kubernetes can check runAsNonRoot only against a numeric user.
        if (!(typeof context.runAsUser === 'number' && context.runAsUser > 0)) faultsOf.push(`${where}: no numeric non-root runAsUser`);
        if (container.securityContext?.allowPrivilegeEscalation !== false) faultsOf.push(`${where}: allowPrivilegeEscalation is not false`);
        if (!container.securityContext?.capabilities?.drop?.includes('ALL')) faultsOf.push(`${where}: capabilities do not drop ALL`);
        if ((container.securityContext?.capabilities?.add ?? []).length > 0) faultsOf.push(`${where}: adds capabilities`);
        if (context.seccompProfile?.type !== 'RuntimeDefault') faultsOf.push(`${where}: seccomp profile is not RuntimeDefault`);
        return faultsOf;
      });
    });
    expect(faults).toEqual([]);
  });

  it("keeps the apps' root filesystems read-only", () => {
    const writable = [...SERVER_APPS, 'dashboard' as const]
      .flatMap((app) => allContainers(workload(app).spec.template.spec).map((container) => ({ app, container })))
      .filter(({ container }) => container.securityContext?.readOnlyRootFilesystem !== true)
      .map(({ app, container }) => `${app}/${container.name}`);
    expect(writable).toEqual([]);
  });

  it('runs the images Compose builds, and the engines Compose runs', () => {
    for (const app of [...SERVER_APPS, 'dashboard']) {
      expect(COMPOSE_SERVICES[app].build).toBeDefined();
      for (const container of allContainers(workload(app).spec.template.spec)) {
        expect(`${app}: ${imageName(container.image)}`).toBe(`${app}: ${COMPOSE_SERVICES[app].image}`);
      }
    }
    // An engine's pod: the engine, and the exporter beside it where it serves no metrics itself, each named after
    // its Compose service.
    for (const engine of workloads.filter((candidate) => candidate.kind === 'StatefulSet')) {
      expect(engine.spec.template.spec.containers[0].name).toBe(engine.metadata.name);
      for (const container of allContainers(engine.spec.template.spec)) {
        expect(`${engine.metadata.name}/${container.name}: ${container.image}`).toBe(
          `${engine.metadata.name}/${container.name}: ${COMPOSE_SERVICES[container.name]?.image}`,
        );
      }
    }
  });

  it("lets Prometheus find each engine's metrics, as Compose scrapes them: its annotated port is one of its containers'", () => {
    for (const engine of workloads.filter((candidate) => candidate.kind === 'StatefulSet')) {
      const annotations = engine.spec.template.metadata.annotations ?? {};
      const ports = allContainers(engine.spec.template.spec).flatMap((container) => container.ports ?? []);
      expect(`${engine.metadata.name}: ${annotations['prometheus.io/scrape']} ${annotations['prometheus.io/path']}`).toBe(
        `${engine.metadata.name}: true ${METRICS_PATH}`,
      );
      expect(ports.map((port) => String(port.containerPort))).toContain(annotations['prometheus.io/port']);
    }
  });

  it.each(SERVER_APPS)("serves %s's probes and metrics on the port and paths the app uses", (app) => {
    const container = appContainer(app);
    const port = defaultPortOf(app);
    const paths = healthPathsOf(app);
    expect(httpPort(container)).toBe(port);
    expect(envOf(container).get('PORT')).toBe(String(port));
    expect(container.readinessProbe?.httpGet?.path).toBe(paths.readiness);
    expect(container.livenessProbe?.httpGet?.path).toBe(paths.liveness);
    expect(probePort(container, container.readinessProbe)).toBe(port);
    expect(probePort(container, container.livenessProbe)).toBe(port);
    const annotations = workload(app).spec.template.metadata.annotations ?? {};
    expect(annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': METRICS_PATH,
    });
  });

  it.each(SERVER_APPS)("sets only variables %s's config loaders read", (app) => {
    const read = configVariablesOf(app);
    expect([...envOf(appContainer(app)).keys()].filter((name) => !read.includes(name))).toEqual([]);
  });

  it('sets only variables the dashboard image reads', () => {
    expect([...envOf(appContainer('dashboard')).keys()].filter((name) => !DASHBOARD_VARIABLES.includes(name))).toEqual([]);
  });

  it.each(SERVER_APPS)('gives %s one address or one list of nodes per engine, never both', (app) => {
    const names = [...envOf(appContainer(app)).keys()];
    for (const pair of SINGLE_AND_LIST) expect(pair.filter((name) => names.includes(name))).toHaveLength(1);
  });

  it('gives every app more time to shut down than its graceful shutdown takes', () => {
    for (const app of [...SERVER_APPS, 'dashboard']) {
      expect(workload(app).spec.template.spec.terminationGracePeriodSeconds ?? 30).toBeGreaterThanOrEqual(MIN_GRACE_SECONDS);
    }
    // A worker finishes the batch it holds: an `http` job's request may take its run's longest timeout.
    expect(workload('worker').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(PROCESSOR_LIMITS.timeoutMsMax / 1000);
  });

  it('keeps every app available through a node drain (a PodDisruptionBudget each)', () => {
    const budgets = ofKind('PodDisruptionBudget').map(
      (budget) => (budget.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
    );
    for (const app of [...SERVER_APPS, 'dashboard']) {
      expect(budgets).toContainEqual(workload(app).spec.template.metadata.labels);
    }
  });

  it('routes the dashboard, /api and /socket.io through one Ingress, sticky, with long timeouts for the live feed', () => {
    const [ingress] = ofKind('Ingress');
    type Path = { path: string; backend: { service: { name: string; port: { name?: string; number?: number } } } };
    const rules = (ingress.spec as { rules: { http: { paths: Path[] } }[] }).rules;
    const backends = Object.fromEntries(rules[0].http.paths.map((path) => [path.path, path.backend.service.name]));
    expect(backends).toEqual({ '/api': 'api', '/socket.io': 'api', '/': 'dashboard' });
    const annotations = ingress.metadata.annotations ?? {};
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
  });

  it('points every Service at pods and container ports the overlay runs', () => {
    for (const service of ofKind('Service')) {
      const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const pods = workloads.filter((candidate) =>
        Object.entries(spec.selector).every(([key, value]) => candidate.spec.template.metadata.labels?.[key] === value),
      );
      expect(`${service.metadata.name}: ${pods.length}`).toBe(`${service.metadata.name}: 1`);
      const ports = pods[0].spec.template.spec.containers.flatMap((container) => container.ports ?? []);
      for (const { targetPort } of spec.ports) {
        expect(ports.some((port) => port.name === targetPort || port.containerPort === targetPort)).toBe(true);
      }
    }
  });

  it('scales the worker Deployment with KEDA on the pacing metric, not on queue length', () => {
    const scaledObjects = ofKind('ScaledObject');
    expect(scaledObjects).toHaveLength(1);
    const spec = scaledObjects[0].spec as {
      scaleTargetRef: { name: string; kind?: string };
      minReplicaCount: number;
      maxReplicaCount: number;
      cooldownPeriod: number;
      advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: number } } } };
      triggers: { type: string; metadata: { query: string; threshold: string } }[];
    };
    expect(spec.scaleTargetRef.name).toBe(workload('worker').metadata.name);
    expect(spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
    expect(spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    expect(spec.maxReplicaCount).toBeGreaterThan(spec.minReplicaCount);
    expect(spec.cooldownPeriod).toBeGreaterThan(0);
    // A run that ends does not stop its workers mid-batch at once.
    expect(spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBeGreaterThanOrEqual(60);
    expect(spec.triggers).toEqual([
      expect.objectContaining({
        type: 'prometheus',
        metadata: expect.objectContaining({ query: `max(${METRIC_NAMES.workersNeeded})`, threshold: '1' }),
      }),
    ]);
    // The autoscaler owns the replicas: a count in the manifest would reset them on every apply.
    expect(workload('worker').spec.replicas).toBeUndefined();
  });

  it('renders no Secret, so that an apply never overwrites the one the operator created; credentials come only from it', () => {
    expect(ofKind('Secret')).toEqual([]);
    const plain = [
      ...ofKind('ConfigMap').flatMap((configMap) => Object.entries(configMap.data ?? {})),
      ...workloads.flatMap((candidate) =>
        allContainers(candidate.spec.template.spec).flatMap((container) =>
          (container.env ?? []).filter((variable) => variable.value !== undefined).map((variable) => [variable.name, variable.value ?? '']),
        ),
      ),
    ];
    expect(plain.filter(([name, value]) => SECRET_LIKE_NAME.test(name) || CREDENTIALS_IN_URL.test(value))).toEqual([]);
    const secretRefs = workloads.flatMap((candidate) =>
      allContainers(candidate.spec.template.spec).flatMap((container) => [
        ...(container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.name ?? []),
        ...(container.envFrom ?? []).flatMap((source) => source.secretRef?.name ?? []),
      ]),
    );
    expect(new Set(secretRefs)).toEqual(new Set([SECRET_NAME]));
  });

  it("reads only Secret keys that docs/kubernetes.md's table tells the operator to create", () => {
    const keys = workloads.flatMap((candidate) =>
      allContainers(candidate.spec.template.spec).flatMap((container) =>
        (container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.key ?? []),
      ),
    );
    const tableRows = KUBERNETES_DOC.split('\n').filter((line) => line.startsWith('| `'));
    expect([...new Set(keys)].filter((key) => !tableRows.some((row) => row.includes(`\`${key}\``)))).toEqual([]);
  });
});

describe('the production overlay', () => {
  let manifests: Manifest[];
  beforeAll(async () => {
    manifests = await renderOverlay(join(OVERLAYS_DIR, 'production'));
  });

  it.each(SERVER_APPS)(
    'points %s at clustered engines: Sentinels, RabbitMQ nodes with quorum queues, Elasticsearch nodes with replicas',
    (app) => {
      const [configMap] = manifests.filter((manifest) => manifest.kind === 'ConfigMap');
      const deployment = manifests.filter(isWorkload).find((candidate) => candidate.metadata.name === app);
      const env = (deployment?.spec.template.spec.containers[0].env ?? []).map((variable) => variable.name);
      expect(configMap.data).toMatchObject({
        AMQP_QUEUE_TYPE: 'quorum',
        REDIS_MASTER_NAME: expect.any(String),
        REDIS_SENTINELS: expect.any(String),
      });
      expect(Number(configMap.data?.['ELASTICSEARCH_REPLICAS'])).toBeGreaterThanOrEqual(1);
      expect(env).toEqual(expect.arrayContaining(['AMQP_URLS', 'ELASTICSEARCH_NODES']));
    },
  );
});
