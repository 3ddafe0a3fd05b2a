import { Logger } from '@nestjs/common';
import {
  connect,
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  type Options,
  type RecoveringChannelModel,
} from 'amqplib';
import type { AmqpNames, QueueStatus, RabbitmqStatus } from '@app/contracts';
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

/**
 * The process's RabbitMQ connection: channels, topology and consumers. amqplib's recovery reconnects with
 * backoff; after every (re)connect `setup` declares the topology, opens the confirm channel and restarts the
 * registered consumers. What goes on the jobs queue is `JobQueue`'s business.
 */
export class AmqpConnection {
  private readonly logger = new Logger(AmqpConnection.name);
  private readonly consumers: ConsumerOptions[] = [];
  /** Open consumer channels and their consumer tags. */
  private readonly consumerChannels = new Map<Channel, string>();
  private model: RecoveringChannelModel | null = null;
  private current: ChannelModel | null = null;
  private publishChannel: ConfirmChannel | null = null;
  /** Queues declared on demand on the current connection. */
  private readonly declaredQueues = new Set<string>();

  private constructor(
    readonly names: AmqpNames,
    private readonly url: string,
  ) {}

  static async connect(url: string, names: AmqpNames): Promise<AmqpConnection> {
    const connection = new AmqpConnection(names, url);
    const model = await connect(url, {
      clientProperties: { connection_name: names.connectionName },
      recovery: {
        initialDelay: 200,
        maxDelay: 5_000,
        setup: (channelModel: ChannelModel) => connection.setup(channelModel),
      },
    });
    connection.model = model;
    model.on('disconnect', (error: Error) => {
      connection.current = null;
      connection.publishChannel = null;
      connection.consumerChannels.clear();
      connection.logger.warn(`rabbitmq connection lost: ${error.message}; reconnecting`);
    });
    model.on('connect', () => connection.logger.log('rabbitmq connected'));
    model.on('error', (error: Error) => connection.logger.warn(`rabbitmq: ${error.message}`));
    return connection;
  }

  get connected(): boolean {
    return this.publishChannel !== null;
  }

  /** The nodes this connection may use (`host:port`), and whether it is connected to each. */
  nodes(): { address: string; connected: boolean }[] {
    const url = new URL(this.url);
    return [{ address: `${url.hostname}:${url.port || (url.protocol === 'amqps:' ? 5671 : 5672)}`, connected: this.connected }];
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
   * rejects if any is nacked or the connection drops first (the caller then publishes them again).
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
    await channel.waitForConfirms();
  }

  /** Declares a queue the first time it is used on the current connection (a reconnect declares it again). */
  async declareQueueOnce(queue: string, options: Options.AssertQueue): Promise<void> {
    if (this.declaredQueues.has(queue)) return;
    await this.requirePublishChannel().assertQueue(queue, options);
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
    await this.stopConsuming();
    await this.model?.close();
  }

  private requirePublishChannel(): ConfirmChannel {
    if (!this.publishChannel) throw new Error('rabbitmq is not connected');
    return this.publishChannel;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    await channel.assertExchange(this.names.deadLetterExchange, 'fanout', { durable: true });
    await channel.assertQueue(this.names.deadLetterQueue, { durable: true });
    await channel.bindQueue(this.names.deadLetterQueue, this.names.deadLetterExchange, '');
    await channel.assertQueue(this.names.jobsQueue, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': this.names.deadLetterExchange },
    });
    channel.on('error', (error: Error) => this.logger.warn(`rabbitmq publish channel: ${error.message}`));
    this.current = model;
    this.publishChannel = channel;
    this.declaredQueues.clear();
    for (const consumer of this.consumers) await this.startConsumer(model, consumer);
  }

  private async startConsumer(model: ChannelModel, options: ConsumerOptions): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.logger.warn(`rabbitmq consumer channel: ${error.message}`));
    channel.on('close', () => this.consumerChannels.delete(channel));
    await channel.prefetch(options.prefetch);
    const deliveries = new ConsumerChannel(channel);
    const { consumerTag } = await channel.consume(options.queue, (message) => {
      // A null message means the broker cancelled the consumer (queue deleted); recovery re-creates it.
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
