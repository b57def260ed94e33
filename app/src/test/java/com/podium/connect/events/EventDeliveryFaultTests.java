package com.podium.connect.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.PodiumConnectApplication;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshed;
import com.podium.testsupport.Poll;
import com.podium.testsupport.RealInfrastructure;
import com.podium.testsupport.SharedStandIn;
import com.podium.testsupport.TcpProxy;

/**
 * Two instances sharing one database, each with its own relay, through faults: a broker outage (a network cut
 * between both instances and a broker of their own) and an instance killed between commit and delivery. Copies on
 * the topic stay within 1 % of the events, none is lost, and no athlete's events are reordered.
 */
class EventDeliveryFaultTests {

    static final Duration CLAIM = Duration.ofSeconds(8);
    static final ObjectMapper JSON = new ObjectMapper();

    static Database database;
    static TcpProxy proxy;
    static EmbeddedKafkaKraftBroker broker;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        // A database of their own: every other instance in this JVM (cached test contexts) sends outbox rows to
        // the shared broker, and would take over these instances' rows, as instances of another cluster would.
        database = Database.create();
        proxy = new TcpProxy();
        String embeddedBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerListProperty(null);
        // Clients learn the proxy's address from the broker, so all their traffic crosses the proxy.
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port());
        broker.afterPropertiesSet();
        restore(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, embeddedBrokers);
        String direct = broker.getBrokersAsString();
        proxy.forwardTo(Integer.parseInt(direct.substring(direct.lastIndexOf(':') + 1)));
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void aBrokerOutageNeitherMultipliesNorReordersNorLosesEvents() throws Exception {
        List<String> athletes = athletes("outage", 40);
        Publishers publishers = new Publishers(athletes);
        publishers.start();
        Thread.sleep(4_000);

        proxy.cut();
        long failedBefore = failedRounds();
        Thread.sleep(30_000);
        long failedDuring = failedRounds() - failedBefore;
        long pendingDuringOutage = pending(athletes);
        Map<String, Status> healthDuringOutage = health(first);
        proxy.restore();

        Thread.sleep(4_000);
        publishers.stop();
        awaitOutboxEmpty(athletes);

        Delivery delivery = Delivery.read(athletes, publishers.published());
        System.out.printf("outage: %d events published, %d copies on the topic, %d relay rounds failed during the "
                + "30 s cut, %d pending at its end, %d first-occurrence inversions, %d stale copies%n",
                publishers.published().size(), delivery.copies(), failedDuring, pendingDuringOutage,
                delivery.inversions(), delivery.staleCopies());
        assertThat(healthDuringOutage).as("delivery degraded, browser flows (database) in service")
            .containsEntry("kafka", new Status("DEGRADED")).containsEntry("eventDelivery", new Status("DEGRADED"))
            .containsEntry("db", Status.UP);
        assertThat(failedDuring).as("the relays kept retrying during the outage").isGreaterThanOrEqualTo(4);
        assertThat(pendingDuringOutage).as("events piled up in the outbox while Kafka was away").isPositive();
        assertThat(delivery.lost()).as("events missing from the topic").isEmpty();
        assertThat(delivery.copies()).isLessThanOrEqualTo((long) Math.floor(publishers.published().size() * 1.01));
        assertThat(delivery.inversions()).as("per-athlete order inversions").isZero();
        assertThat(delivery.gaps()).as("athletes whose sequence has gaps").isZero();
    }

    @Test
    void eventsOfAnInstanceKilledDuringDeliveryAreTakenOverInOrderAndNothingIsLost() throws Exception {
        List<String> athletes = athletes("killed", 20);
        Map<UUID, String> published = Collections.synchronizedMap(new HashMap<>());
        // The killed instance: two events per athlete committed and claimed, the first already on the topic (sent,
        // acknowledged, the process died before it deleted the row), the second never sent.
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        for (String athlete : athletes) {
            first.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
                publish(first, athlete, published);
                publish(first, athlete, published);
                jdbc.sql("UPDATE event_outbox SET claim_owner = 'killed-instance', claimed_until = now() + "
                        + CLAIM.toMillis() + " * interval '1 millisecond' WHERE message_key = ?").param(athlete)
                    .update();
            });
        }
        sendAsTheKilledInstanceDid(jdbc, athletes);
        // The survivors go on with the same athletes at once: their events must wait for the killed instance's.
        for (String athlete : athletes) {
            publishAlone(second, athlete, published);
            publishAlone(first, athlete, published);
        }

        awaitOutboxEmpty(athletes);
        Delivery delivery = Delivery.read(athletes, Set.copyOf(published.keySet()));
        System.out.printf("kill -9: %d events, %d copies on the topic (%d sent before the kill), %d inversions%n",
                published.size(), delivery.copies(), athletes.size(), delivery.inversions());
        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.inversions()).isZero();
        assertThat(delivery.gaps()).isZero();
        assertThat(delivery.copies()).as("only the copies the killed instance sent before dying are extra")
            .isEqualTo(published.size() + athletes.size());
    }

    /** What the killed instance sent before dying: the first event of each athlete, straight to the topic. */
    private static void sendAsTheKilledInstanceDid(JdbcClient jdbc, List<String> athletes) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + proxy.port());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String athlete : athletes) {
                Map<String, Object> row = jdbc.sql("""
                        SELECT topic, event_type, payload FROM event_outbox WHERE message_key = ? AND sequence = 1""")
                    .param(athlete).query().singleRow();
                ProducerRecord<String, String> record = new ProducerRecord<>((String) row.get("topic"), athlete,
                        (String) row.get("payload"));
                record.headers().add(TokenEvents.TYPE_HEADER, ((String) row.get("event_type")).getBytes());
                producer.send(record).get();
            }
        }
    }

    private static Map<String, Status> health(ConfigurableApplicationContext instance) {
        Map<String, Status> health = new HashMap<>();
        for (String component : List.of("kafka", "eventDelivery", "db")) {
            String bean = component.equals("db") ? "dbHealthContributor" : component + "HealthIndicator";
            health.put(component, instance.getBean(bean, HealthIndicator.class).health().getStatus());
        }
        return health;
    }

    private static long failedRounds() {
        return first.getBean(EventRelay.class).failedRounds() + second.getBean(EventRelay.class).failedRounds();
    }

    private static long pending(List<String> athletes) {
        return first.getBean(JdbcClient.class).sql("SELECT count(*) FROM event_outbox WHERE message_key IN (:keys)")
            .param("keys", athletes).query(Long.class).single();
    }

    private static void awaitOutboxEmpty(List<String> athletes) {
        Poll.until("the outbox to drain", Duration.ofSeconds(120), () -> pending(athletes) == 0);
    }

    private static List<String> athletes(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> athletes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            athletes.add(prefix + "-" + run + "-" + i);
        }
        return athletes;
    }

    private static void publishAlone(ConfigurableApplicationContext instance, String athlete,
            Map<UUID, String> published) {
        instance.getBean(TransactionTemplate.class).executeWithoutResult(tx -> publish(instance, athlete, published));
    }

    private static void publish(ConfigurableApplicationContext instance, String athlete,
            Map<UUID, String> published) {
        TokenRefreshed event = TokenRefreshed.of(athlete, Instant.now(), "workouts:read", Instant.now().plusSeconds(600),
                false, 1);
        instance.publishEvent(event);
        // Counted only once committed.
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        published.put(event.eventId(), athlete);
                    }
                });
    }

    /** Both instances commit events for random athletes of the same set, as fast as they can, until stopped. */
    private static final class Publishers {

        private final List<String> athletes;
        private final Map<UUID, String> published = Collections.synchronizedMap(new HashMap<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        Publishers(List<String> athletes) {
            this.athletes = athletes;
        }

        void start() {
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        String athlete = athletes.get(ThreadLocalRandom.current().nextInt(athletes.size()));
                        try {
                            publishAlone(instance, athlete, published);
                        }
                        catch (RuntimeException e) {
                            failures.add(e);
                        }
                        sleep(15);
                    }
                }, "publisher");
                threads.add(thread);
                thread.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).as("commits that failed (the database is up throughout)").isEmpty();
        }

        Set<UUID> published() {
            return Set.copyOf(published.keySet());
        }
    }

    /** The topic as an outside consumer reads it, checked per athlete. */
    private record Delivery(long copies, Set<UUID> lost, long inversions, long staleCopies, long gaps) {

        static Delivery read(List<String> athletes, Set<UUID> published) throws Exception {
            Set<String> keys = Set.copyOf(athletes);
            List<ConsumerRecord<String, String>> records = readAll(keys, published);
            Map<String, Long> highest = new HashMap<>();
            Map<String, Set<Long>> seen = new HashMap<>();
            Set<UUID> arrived = new HashSet<>();
            long inversions = 0;
            long stale = 0;
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = JSON.readTree(record.value());
                arrived.add(UUID.fromString(event.get("eventId").asText()));
                long sequence = event.get(TokenEvents.SEQUENCE).asLong();
                boolean first = seen.computeIfAbsent(record.key(), k -> new HashSet<>()).add(sequence);
                long top = highest.getOrDefault(record.key(), 0L);
                if (sequence < top) {
                    if (first) {
                        inversions++;
                    }
                    else {
                        stale++;
                    }
                }
                highest.put(record.key(), Math.max(top, sequence));
            }
            long gaps = seen.values().stream().filter(s -> s.size() != s.stream().mapToLong(l -> l).max().orElse(0))
                .count();
            Set<UUID> lost = new HashSet<>(published);
            lost.removeAll(arrived);
            return new Delivery(records.size(), lost, inversions, stale, gaps);
        }

        private static List<ConsumerRecord<String, String>> readAll(Set<String> keys, Set<UUID> published) {
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + proxy.port(),
                    ConsumerConfig.GROUP_ID_CONFIG, "fault-reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(TokenEvents.TOPIC));
                Instant deadline = Instant.now().plusSeconds(60);
                Instant quietSince = null;
                // Read until every published event arrived and nothing more came for 3 s (late copies included).
                while (Instant.now().isBefore(deadline)) {
                    int before = mine.size();
                    consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                        if (keys.contains(r.key())) {
                            mine.add(r);
                        }
                    });
                    if (mine.size() >= published.size() && mine.size() == before) {
                        quietSince = quietSince == null ? Instant.now() : quietSince;
                        if (Duration.between(quietSince, Instant.now()).toSeconds() >= 3) {
                            break;
                        }
                    }
                    else {
                        quietSince = null;
                    }
                }
            }
            return mine;
        }
    }

    /** A throwaway database on the test PostgreSQL server. */
    private record Database(String url, String admin, String name) {

        static Database create() throws Exception {
            RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
            String url = infra.jdbcUrl();
            int query = url.indexOf('?');
            String path = query < 0 ? url : url.substring(0, query);
            String server = path.substring(0, path.lastIndexOf('/'));
            String name = "podium_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Database database = new Database(server + "/" + name + (query < 0 ? "" : url.substring(query)),
                    server + "/postgres", name);
            database.execute("CREATE DATABASE " + name);
            return database;
        }

        void drop() throws Exception {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        private void execute(String sql) throws Exception {
            RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
            try (Connection connection = DriverManager.getConnection(admin, infra.username(), infra.password())) {
                connection.createStatement().execute(sql);
            }
        }
    }

    private static ConfigurableApplicationContext instance() {
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        String standIn = SharedStandIn.get().baseUri().toString();
        return new SpringApplicationBuilder(PodiumConnectApplication.class).web(WebApplicationType.NONE)
            .profiles("test")
            .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + infra.username(),
                    "--spring.datasource.password=" + infra.password(),
                    "--spring.kafka.bootstrap-servers=127.0.0.1:" + proxy.port(),
                    "--trainingpeaks.auth-base=" + standIn, "--trainingpeaks.api-base=" + standIn,
                    "--spring.jmx.enabled=false", "--spring.datasource.hikari.maximum-pool-size=4",
                    "--podium.events.claim-duration=" + CLAIM.toSeconds() + "s",
                    "--podium.events.poll-interval=200ms", "--podium.events.max-backoff=3s",
                    // Every send ends well within the claim (3/4 of it is the most a relay uses).
                    "--spring.kafka.producer.properties.delivery.timeout.ms=4000",
                    "--spring.kafka.producer.properties.request.timeout.ms=1500",
                    "--spring.kafka.producer.properties.max.block.ms=1500");
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        }
        else {
            System.setProperty(property, value);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
