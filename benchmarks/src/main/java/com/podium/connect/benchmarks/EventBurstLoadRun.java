package com.podium.connect.benchmarks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.PodiumConnectApplication;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshed;
import com.podium.testsupport.RealInfrastructure;

/**
 * Load run of event delivery, commit to topic, on the real PostgreSQL and a real Kafka broker (the same
 * infrastructure switch as the tests): the production path of {@code TokenRefreshed} events, published in their
 * own transactions, through the outbox and the relay, read back by a plain consumer.
 * <ul>
 * <li><b>burst</b>: 1,000 events committed by 8 threads at once (one transaction each, 200 athletes); latency per
 * event = consumer receipt minus commit. 3 warm-up rounds (p99 still fell round over round after one: JIT), then 4
 * measured.</li>
 * <li><b>sustained</b>: 50,000 events committed by 4 threads in transactions of 50 (1,000 athletes) while the relay
 * sends; throughput = events / (last receipt minus first commit).</li>
 * <li><b>drain</b>: 50,000 events written to the outbox up front and released at once: the relay alone.</li>
 * </ul>
 * The service's own consumers (audit, API client) are off: this measures delivery, not consumption.
 * Run (prints one line per round; build as {@code benchmarks/run} does, then):
 * {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * com.podium.connect.benchmarks.EventBurstLoadRun}
 */
public final class EventBurstLoadRun {

    static final int BURST = 1_000;
    static final int WARM_UP_ROUNDS = 3;
    static final int ROUNDS = 4;
    static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** Events of the sustained and drain runs: first argument, default 50,000. */
    private static int sustained = 50_000;
    static final int PER_TRANSACTION = 50;

    private final Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
    private final ConfigurableApplicationContext context;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    private EventBurstLoadRun(ConfigurableApplicationContext context) {
        this.context = context;
        this.transactions = context.getBean(TransactionTemplate.class);
        this.events = context;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            sustained = Integer.parseInt(args[0]);
        }
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PodiumConnectApplication.class)
            .web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + infra.jdbcUrl(), "--spring.datasource.username=" + infra.username(),
                    "--spring.datasource.password=" + infra.password(),
                    "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                    "--trainingpeaks.client-id=bench", "--trainingpeaks.client-secret=bench",
                    "--podium.tokens.encryption.keys=bench:" + Base64.getEncoder().encodeToString(key),
                    "--podium.tokens.scheduler.enabled=false", "--podium.audit.auto-startup=false",
                    "--spring.kafka.listener.auto-startup=false", "--logging.level.root=warn",
                    "--spring.datasource.hikari.maximum-pool-size=12");
        EventBurstLoadRun run = new EventBurstLoadRun(context);
        try (Reader reader = run.new Reader(infra.kafkaBootstrapServers())) {
            reader.start();
            System.out.printf("Event delivery load run (%d cores, %s)%n", Runtime.getRuntime().availableProcessors(),
                    Instant.now());
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                run.burst("warm-up " + round);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                run.burst("burst " + round);
            }
            run.sustained();
            run.drain();
        }
        finally {
            context.close();
        }
        System.exit(0);
    }

    private void burst(String name) throws Exception {
        committedAt.clear();
        receivedAt.clear();
        List<UUID> ids = publish(BURST, 8, 1, 200);
        awaitAll(ids, Duration.ofSeconds(120));
        long[] latencies = ids.stream().mapToLong(id -> receivedAt.get(id) - committedAt.get(id)).sorted().toArray();
        System.out.printf("%-16s %,6d events  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", name, ids.size(),
                millis(percentile(latencies, 50)), millis(percentile(latencies, 99)),
                millis(latencies[latencies.length - 1]));
    }

    private void sustained() throws Exception {
        committedAt.clear();
        receivedAt.clear();
        long start = System.nanoTime();
        List<UUID> ids = publish(sustained, 4, PER_TRANSACTION, 1_000);
        long published = System.nanoTime();
        awaitAll(ids, Duration.ofMinutes(5));
        long firstCommit = committedAt.values().stream().mapToLong(Long::longValue).min().orElse(start);
        long lastReceipt = receivedAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        System.out.printf("%-16s %,6d events  committed at %,8.0f events/s  delivered at %,8.0f events/s%n",
                "sustained", ids.size(), ids.size() / seconds(published - start),
                ids.size() / seconds(lastReceipt - firstCommit));
    }

    /**
     * The relay alone: 50,000 rows put in the outbox in one statement, held by an absent owner, then let go at once;
     * throughput = events / (last receipt minus release). Shows what delivery sustains when commits are not the
     * limit.
     */
    private void drain() throws Exception {
        committedAt.clear();
        receivedAt.clear();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<UUID> ids = jdbc.sql("""
                INSERT INTO event_outbox (message_key, sequence, topic, event_type, payload, claim_owner,
                                          claimed_until)
                SELECT key, n, :topic, 'TokenRefreshed',
                       json_build_object('eventId', id, 'schemaVersion', 2, 'athleteId', key, 'sequence', n,
                                         'occurredAt', now(), 'scope', 'workouts:read', 'expiresAt', now(),
                                         'recovered', false, 'tokenVersion', 1)::text,
                       'load-run', now() + interval '1 day'
                FROM (SELECT gen_random_uuid() AS id, 'drain-' || :run || '-' || (i % 1000) AS key, i / 1000 + 1 AS n
                      FROM generate_series(0, :count - 1) AS i) AS rows
                RETURNING (payload::json ->> 'eventId')::uuid""")
            .param("topic", TokenEvents.TOPIC).param("run", run).param("count", sustained)
            .query(UUID.class).list();
        long released = System.nanoTime();
        jdbc.sql("UPDATE event_outbox SET claimed_until = now() - interval '1 millisecond' WHERE claim_owner = 'load-run'")
            .update();
        awaitAll(ids, Duration.ofMinutes(5));
        long lastReceipt = receivedAt.values().stream().mapToLong(Long::longValue).max().orElse(released);
        System.out.printf("%-16s %,6d events  delivered at %,8.0f events/s (outbox filled up front, relay only)%n",
                "drain", ids.size(), ids.size() / seconds(lastReceipt - released));
    }

    /** Commits {@code count} events from {@code threads} threads, {@code perTransaction} per transaction. */
    private List<UUID> publish(int count, int threads, int perTransaction, int athletes) throws Exception {
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        int transactionsPerThread = count / perTransaction / threads;
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                await(go);
                for (int i = 0; i < transactionsPerThread; i++) {
                    // In athlete order: each event locks its athlete's sequence row until commit, so transactions
                    // that take several athletes must take them in the same order (the service never does).
                    List<String> batch = ThreadLocalRandom.current().ints(perTransaction, 0, athletes).sorted()
                        .mapToObj(n -> "load-" + run + "-" + String.format("%05d", n)).toList();
                    transactions.executeWithoutResult(tx -> {
                        List<UUID> mine = new ArrayList<>(perTransaction);
                        for (String athlete : batch) {
                            TokenRefreshed event = TokenRefreshed.of(athlete, Instant.now(), "workouts:read",
                                    Instant.now().plusSeconds(600), false, 1);
                            events.publishEvent(event);
                            mine.add(event.eventId());
                        }
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                long now = System.nanoTime();
                                mine.forEach(id -> committedAt.put(id, now));
                                ids.addAll(mine);
                            }
                        });
                    });
                }
            });
        }
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return ids;
    }

    private void awaitAll(List<UUID> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!receivedAt.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all events reached the topic within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** A plain consumer of the topic from its current end, noting when each event arrived. */
    private final class Reader implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::read, "load-run-reader");

        Reader(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(TokenEvents.TOPIC, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Matcher eventId = EVENT_ID.matcher(record.value());
                    if (eventId.find()) {
                        receivedAt.putIfAbsent(UUID.fromString(eventId.group(1)), now);
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
