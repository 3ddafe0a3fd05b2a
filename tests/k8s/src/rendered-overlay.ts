import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

/** The fields of the rendered objects these checks read; everything else is left untyped. */
export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}

export interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: { command: string[] };
  tcpSocket?: { port: number | string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  terminationGracePeriodSeconds?: number;
}

export interface PodTemplate {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // What each kind holds under spec differs; the checks cast it to the part they read.
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** A Deployment or StatefulSet: what runs. */
export interface Workload extends Manifest {
  spec: { replicas?: number; template: PodTemplate };
}

export const KUBECTL_MISSING =
  'kubectl is not installed: this tier renders deploy/k8s with `kubectl kustomize` (kubectl 1.27 or later, for ' +
  'Kustomize 5). Install it from https://kubernetes.io/docs/tasks/tools/ (a single binary on the PATH; no cluster ' +
  "is needed). Debian's own kubernetes-client package is too old.";

const execFileAsync = promisify(execFile);

/** Every object `kubectl kustomize <dir>` renders, parsed. */
export async function renderOverlay(dir: string): Promise<Manifest[]> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('kubectl', ['kustomize', dir], { maxBuffer: 32 * 1024 * 1024 }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(KUBECTL_MISSING);
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr || (error as Error).message}`);
  }
  return parseAllDocuments(stdout).map((document) => {
    if (document.errors.length > 0) throw new Error(`kubectl kustomize ${dir} rendered invalid YAML: ${document.errors[0].message}`);
    return document.toJS() as Manifest;
  });
}

export const isWorkload = (manifest: Manifest): manifest is Workload => manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet';

/** Every container of a pod, its init containers included. */
export const allContainers = (pod: PodSpec): Container[] => [...(pod.initContainers ?? []), ...pod.containers];
