import { Logger } from '@nestjs/common';
import { connect, type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Options } from 'amqplib';
import type { AmqpNames, QueueStatus, RabbitmqStatus } from '@app/contracts';
import { redactedUrl } from '../config/env';
import { nextConnectAttempt, type ReconnectBackoff } from './node-rotation';
import type { AmqpQueueType } from '../config/infra.config';
import { queueDeclaration, queueTypeMismatch } from './queue-declaration';
import { tcpReachable } from './tcp-reachable';

/** One delivered message, acknowledged on the channel it came from. */
export interface Delivery {
  readonly message: ConsumeMessage;
  ack(): void;
  /** Returns the message to the queue (requeue) or drops it to the dead-letter exchange. */
  nack(requeue: boolean): void;
  // Only the first ack or nack of a delivery takes effect.
}

export interface ConsumerOptions {
  queue: string;
  prefetch: number;
  onMessage: (delivery: Delivery) => void;
}

export interface OutgoingMessage {
  body: Buffer;
  messageId: string;
  timestamp: number;
}

/** A configured node, as `/api/status` shows it: where it listens (`host:port`), and whether it is the one in use. */
export interface AmqpNodeStatus {
  address: string;
  connected: boolean;
}

export interface AmqpConnectionOptions {
  /** The nodes of a cluster (any will do), or the one node. */
  urls: readonly string[];
  names: AmqpNames;
  /** The type of the jobs, retry and dead-letter queues. */
  queueType: AmqpQueueType;
}

/** A queue that exists with another type than configured: the app cannot work with it, so it refuses to start. */
export class QueueTypeMismatchError extends Error {
  override name = 'QueueTypeMismatchError';
}

const BACKOFF: ReconnectBackoff = { initialDelayMs: 200, maxDelayMs: 5_000 };
/** A node's `host:port`, the protocol's default port when the URL names none. */
function hostPort(value: string): string {
  const url = new URL(value);
  return `${url.hostname}:${url.port || (url.protocol === 'amqps:' ? 5671 : 5672)}`;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The process's RabbitMQ connection: channels, topology and consumers. It connects to one node of the list at a time
 * and, when that connection goes away, moves on to the next node (`nextConnectAttempt`: the next one at once, then
 * round after round with backoff); after every (re)connect `setup` declares the topology, opens the confirm channel
 * and restarts the registered consumers. What goes on the jobs queue is `JobQueue`'s business.
 */
export class AmqpConnection {
  private readonly logger = new Logger(AmqpConnection.name);
  private readonly consumers: ConsumerOptions[] = [];
  /** Open consumer channels and their consumer tags. */
  private readonly consumerChannels = new Map<Channel, string>();
  private current: ChannelModel | null = null;
  /** The node of `urls` that `current` is connected to, or was last tried. */
  private nodeIndex = -1;
  private publishChannel: ConfirmChannel | null = null;
  /** Queues declared on demand on the current connection. */
  private readonly declaredQueues = new Set<string>();
  private closing = false;
  /** The replacement of a publish channel that had a nack, under way. */
  private renewingPublishChannel: Promise<void> | null = null;
  /** The reconnect loop under way, if any. */
  private reconnecting: Promise<void> | null = null;

  readonly names: AmqpNames;
  readonly queueType: AmqpQueueType;
  private readonly urls: readonly string[];

  private constructor(options: AmqpConnectionOptions) {
    if (options.urls.length === 0) throw new Error('no RabbitMQ node to connect to');
    this.urls = options.urls;
    this.names = options.names;
    this.queueType = options.queueType;
  }

  /**
   * Connects to a node of the list, trying each in turn until one answers (as long as it takes: the app waits for
   * RabbitMQ at start-up), and declares the topology. Rejects only for a queue of the other type, which no retry fixes.
   */
  static async connect(options: AmqpConnectionOptions): Promise<AmqpConnection> {
    const connection = new AmqpConnection(options);
    await connection.connectToSomeNode(false);
    return connection;
  }

  /** The configured nodes, with passwords masked, and which one is in use. */
  nodes(): AmqpNodeStatus[] {
    return this.urls.map((url, index) => ({ address: hostPort(url), connected: this.current !== null && index === this.nodeIndex }));
  }

  get connected(): boolean {
    return this.publishChannel !== null;
  }

  /**
   * Every node with whether it accepts connections (the one in use does), and the queues' depths; `signal`
   * abandons the node checks.
   */
  async status(queues: readonly string[], signal: AbortSignal): Promise<RabbitmqStatus> {
    const nodes = Promise.all(
      this.nodes().map(async ({ address, connected }) => ({
        address,
        role: connected ? 'connected' : 'standby',
        up: connected || (await tcpReachable(address, signal)),
      })),
    );
    const [nodeStates, queueStates] = await Promise.all([nodes, this.queueStats(queues)]);
    return { nodes: nodeStates, queues: queueStates };
  }

  /**
   * Publishes persistent messages to a queue and resolves once the broker confirmed every one of them;
   * rejects if any is nacked (a quorum queue without a leader, or that refuses: `reject-publish`) or the connection
   * drops first; the caller then publishes them again. After a nack the next publishes go on a fresh channel.
   */
  async publishConfirmed(queue: string, messages: readonly OutgoingMessage[], headers?: Record<string, string>): Promise<void> {
    const channel = this.requirePublishChannel();
    for (const message of messages) {
      const hasRoom = channel.sendToQueue(queue, message.body, {
        persistent: true,
        contentType: 'application/json',
        messageId: message.messageId,
        timestamp: message.timestamp,
        headers,
      });
      if (!hasRoom) await new Promise((resolve) => channel.once('drain', resolve));
    }
    try {
      await channel.waitForConfirms();
    } catch (error) {
      await this.renewPublishChannel(channel);
      throw new Error(`rabbitmq did not confirm the publish to ${queue}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * After a nack, the next publishes go on a fresh channel: on RabbitMQ 3.10, once a quorum queue's leader had moved, a
   * channel was seen to have every later publish nacked for as long as it stayed open, where a new channel's were
   * confirmed at once. The stale channel is closed (a publish still waiting on it is rejected, and published again).
   */
  private renewPublishChannel(stale: ConfirmChannel): Promise<void> {
    const model = this.current;
    if (!model || this.publishChannel !== stale) return Promise.resolve();
    this.renewingPublishChannel ??= (async () => {
      const fresh = await this.openPublishChannel(model);
      if (this.current === model) this.publishChannel = fresh;
      else await fresh.close().catch(() => undefined);
      await stale.close().catch(() => undefined);
    })()
      .catch((error: Error) => this.logger.warn(`rabbitmq: no fresh publish channel: ${error.message}`))
      .finally(() => (this.renewingPublishChannel = null));
    return this.renewingPublishChannel;
  }

  /**
   * Declares a queue of the configured type the first time it is used on the current connection (a reconnect declares
   * it again). A queue of the other type closes the publishing channel; the error then says what to do.
   */
  async declareQueueOnce(queue: string, options: { deadLetters?: boolean; arguments?: Record<string, unknown> }): Promise<void> {
    if (this.declaredQueues.has(queue)) return;
    await this.assertQueue(this.requirePublishChannel(), queue, queueDeclaration(this.queueType, options));
    this.declaredQueues.add(queue);
  }

  /**
   * Ready messages and consumers of each queue, on a channel of its own: checking a queue that does not exist
   * closes the channel it is asked on, which must not be the publishing one.
   */
  async queueStats(queues: readonly string[]): Promise<QueueStatus[]> {
    if (!this.current) throw new Error('rabbitmq is not connected');
    const channel = await this.current.createChannel();
    channel.on('error', () => undefined);
    try {
      const stats = [];
      for (const name of queues) {
        const { messageCount, consumerCount } = await channel.checkQueue(name);
        stats.push({ name, messages: messageCount, consumers: consumerCount });
      }
      return stats;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async consume(options: ConsumerOptions): Promise<void> {
    this.consumers.push(options);
    if (this.current) await this.startConsumer(this.current, options);
  }

  /**
   * Stops new deliveries to this process's consumers; messages already delivered can still be acked.
   * Whatever stays unacked returns to the queue when the connection closes.
   */
  async stopConsuming(): Promise<void> {
    this.consumers.length = 0;
    await Promise.allSettled([...this.consumerChannels].map(([channel, tag]) => channel.cancel(tag)));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.stopConsuming();
    await this.current?.close().catch(() => undefined);
    await this.reconnecting;
  }

  private requirePublishChannel(): ConfirmChannel {
    if (!this.publishChannel) throw new Error('rabbitmq is not connected');
    return this.publishChannel;
  }

  /**
   * Tries the nodes in turn from the one after the last tried until one connects and its setup succeeds (the first
   * attempt at once, be it at start-up or after a connection was lost). Gives up only when closing, or on a queue of
   * the other type at start-up (`afterLoss` false).
   */
  private async connectToSomeNode(afterLoss: boolean): Promise<void> {
    for (let failed = 0; !this.closing; failed++) {
      const attempt = nextConnectAttempt(this.urls.length, this.nodeIndex, failed, BACKOFF);
      if (attempt.delayMs > 0) await sleep(attempt.delayMs);
      if (this.closing) return;
      this.nodeIndex = attempt.index;
      const node = this.nodeLabel(attempt.index);
      let model: ChannelModel | null = null;
      try {
        model = await connect(this.urls[attempt.index], { clientProperties: { connection_name: this.names.connectionName } });
        // At once: a connection error with no listener (the node dying during setup) would crash the process.
        model.on('error', (error: Error) => this.logger.warn(`rabbitmq: ${error.message}`));
        await this.setup(model);
        this.watch(model);
        this.logger.log(`rabbitmq connected to ${node}`);
        return;
      } catch (error) {
        if (model && this.current === model) this.forgetConnection();
        await model?.close().catch(() => undefined);
        if (error instanceof QueueTypeMismatchError) {
          // At start-up no retry fixes it: the app refuses to start with the message. Later, an operator may be fixing it.
          if (!afterLoss) throw error;
          this.logger.error(error.message);
        } else {
          this.logger.warn(`rabbitmq: cannot connect to ${node}: ${(error as Error).message}`);
        }
      }
    }
  }

  /** `amqp://***@host:port (URL 2 of 3)` for the logs. */
  private nodeLabel(index: number): string {
    return this.urls.length === 1
      ? redactedUrl(this.urls[index])
      : `${redactedUrl(this.urls[index])} (URL ${index + 1} of ${this.urls.length})`;
  }

  /** On the loss of the connection: forget its channels and move to another node. */
  private watch(model: ChannelModel): void {
    model.on('close', (error?: Error) => {
      if (this.current !== model) return;
      this.forgetConnection();
      if (this.closing) return;
      this.logger.warn(
        `rabbitmq connection to ${this.nodeLabel(this.nodeIndex)} lost: ${error?.message ?? 'closed'}; moving to the next node`,
      );
      this.reconnecting = this.connectToSomeNode(true).finally(() => (this.reconnecting = null));
    });
  }

  private forgetConnection(): void {
    this.current = null;
    this.publishChannel = null;
    this.consumerChannels.clear();
  }

  private async openPublishChannel(model: ChannelModel): Promise<ConfirmChannel> {
    const channel = await model.createConfirmChannel();
    // A channel error (a failed declaration) also rejects the call that caused it: that is where it is handled.
    channel.on('error', (error: Error) => this.logger.warn(`rabbitmq publish channel: ${error.message}`));
    return channel;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await this.openPublishChannel(model);
    await channel.assertExchange(this.names.deadLetterExchange, 'fanout', { durable: true });
    await this.assertQueue(channel, this.names.deadLetterQueue, queueDeclaration(this.queueType, {}));
    await channel.bindQueue(this.names.deadLetterQueue, this.names.deadLetterExchange, '');
    await this.assertQueue(
      channel,
      this.names.jobsQueue,
      queueDeclaration(this.queueType, { deadLetters: true, arguments: { 'x-dead-letter-exchange': this.names.deadLetterExchange } }),
    );
    this.current = model;
    this.publishChannel = channel;
    this.declaredQueues.clear();
    for (const consumer of this.consumers) await this.startConsumer(model, consumer);
  }

  /** `assertQueue`, with a queue of the other type turned into an error that says which queue and what to do. */
  private async assertQueue(channel: Channel, queue: string, declaration: Options.AssertQueue): Promise<void> {
    try {
      await channel.assertQueue(queue, declaration);
    } catch (error) {
      const mismatch = queueTypeMismatch(queue, this.queueType, error);
      throw mismatch ? new QueueTypeMismatchError(mismatch) : error;
    }
  }

  private async startConsumer(model: ChannelModel, options: ConsumerOptions): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.logger.warn(`rabbitmq consumer channel: ${error.message}`));
    channel.on('close', () => this.consumerChannels.delete(channel));
    await channel.prefetch(options.prefetch);
    const deliveries = new ConsumerChannel(channel);
    const { consumerTag } = await channel.consume(options.queue, (message) => {
      // A null message means the broker cancelled the consumer (queue deleted); the next connection re-creates it.
      if (!message) return;
      options.onMessage(deliveries.delivery(message));
    });
    this.consumerChannels.set(channel, consumerTag);
  }
}

/**
 * The deliveries of one consumer channel, each settled once: a second ack or nack of the same tag would make the
 * broker close the channel. Settling on a channel that has closed throws; the broker has already requeued the
 * message then, so that is ignored. Keeps the tags not yet settled, so that a batch can be acked with one frame.
 */
export class ConsumerChannel {
  private readonly unsettled = new Set<number>();

  constructor(private readonly channel: Pick<Channel, 'ack' | 'nack'>) {}

  delivery(message: ConsumeMessage): Delivery {
    const tag = message.fields.deliveryTag;
    this.unsettled.add(tag);
    const delivery: Delivery = {
      message,
      ack: () => this.settle(tag, () => this.channel.ack(message)),
      nack: (requeue) => this.settle(tag, () => this.channel.nack(message, false, requeue)),
    };
    channelOf.set(delivery, this);
    return delivery;
  }

  /**
   * Acks deliveries of this channel. When they are every delivery not yet settled up to the highest of them, with
   * one frame (`multiple`: the broker acks that tag and all below it), which spares the broker and the client one
   * frame per message; otherwise, so as never to ack a delivery below the highest that is still being worked on,
   * one by one.
   */
  ackAll(deliveries: readonly Delivery[]): void {
    const unsettled = new Map<number, Delivery>();
    for (const delivery of deliveries) {
      const tag = delivery.message.fields.deliveryTag;
      if (this.unsettled.has(tag)) unsettled.set(tag, delivery);
    }
    if (unsettled.size === 0) return;
    const highest = Math.max(...unsettled.keys());
    let unsettledUpToHighest = 0;
    for (const tag of this.unsettled) if (tag <= highest) unsettledUpToHighest++;
    if (unsettledUpToHighest !== unsettled.size) {
      for (const delivery of unsettled.values()) delivery.ack();
      return;
    }
    for (const tag of unsettled.keys()) this.unsettled.delete(tag);
    try {
      this.channel.ack((unsettled.get(highest) as Delivery).message, true);
    } catch {
      // the channel closed: the broker has requeued the messages
    }
  }

  private settle(tag: number, operation: () => void): void {
    if (!this.unsettled.delete(tag)) return;
    try {
      operation();
    } catch {
      // the channel closed: the broker has requeued the message
    }
  }
}

/** The channel each delivery came from, for `ackAll`. */
const channelOf = new WeakMap<Delivery, ConsumerChannel>();

/** Acks deliveries, with one frame per channel where that is safe (`ConsumerChannel.ackAll`). */
export function ackAll(deliveries: readonly Delivery[]): void {
  const byChannel = new Map<ConsumerChannel | undefined, Delivery[]>();
  for (const delivery of deliveries) {
    const channel = channelOf.get(delivery);
    const own = byChannel.get(channel);
    if (own) own.push(delivery);
    else byChannel.set(channel, [delivery]);
  }
  for (const [channel, own] of byChannel) {
    if (channel) channel.ackAll(own);
    else for (const delivery of own) delivery.ack();
  }
}
