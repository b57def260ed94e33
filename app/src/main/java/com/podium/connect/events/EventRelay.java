package com.podium.connect.events;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.TokenEvents;

/**
 * Sends outbox rows to Kafka: one thread per instance, in rounds. A round claims a batch (this instance's own rows
 * and rows whose owner's claim expired), sends all of it without waiting in between (the idempotent producer keeps
 * several requests in flight and their order per partition), waits for the acknowledgements and removes the
 * acknowledged rows in one statement. Rows that failed stay claimed and are sent again next round, after a pause
 * that doubles while Kafka keeps failing.
 * <p>
 * Rounds overlap by one: the next batch is claimed and sent while the previous one's acknowledgements are still on
 * their way, and only then is the previous one awaited and removed. Under a burst the relay thus spends the broker's
 * round trip claiming and sending the next batch instead of waiting; at most two batches are in flight.
 * <p>
 * Order: an athlete's rows are sent in sequence order, and only when all of the athlete's earlier pending rows are
 * in the same batch ({@link EventOutbox#claim}), so a row never overtakes an earlier one another instance holds, nor
 * one of the previous round still in flight here (its rows are still in the table until acknowledged). So a row of
 * the previous round that fails has no later row of its athlete in the round sent meanwhile.
 * No copies multiply: a row has one owner at a time, and the only queue is the table, read one batch at a time.
 */
@Component
class EventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final EventOutbox outbox;
    private final KafkaOperations<String, String> kafka;
    private final TransactionTemplate transactions;
    private final EventsProperties properties;
    private final String owner = abbreviate(ManagementFactory.getRuntimeMXBean().getName()) + ":"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedRounds = new AtomicLong();
    private volatile boolean failing;
    private volatile Thread thread;
    private volatile CountDownLatch stopping = new CountDownLatch(0);

    EventRelay(EventOutbox outbox, KafkaOperations<String, String> kafka, TransactionTemplate transactions,
            EventsProperties properties) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The claim owner name of this instance: process, host and a per-start id. */
    String owner() {
        return owner;
    }

    /** A transaction with events committed: look now instead of at the next poll. */
    void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Whether the last round failed to send (Kafka unreachable): delivery is degraded, nothing is lost. */
    boolean failing() {
        return failing;
    }

    long sentCount() {
        return sent.get();
    }

    long failedRounds() {
        return failedRounds.get();
    }

    @Override
    public void start() {
        if (!properties.relayEnabled() || thread != null) {
            return;
        }
        stopping = new CountDownLatch(1);
        Thread relay = new Thread(this::run, "event-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    @Override
    public void stop() {
        Thread relay = thread;
        thread = null;
        if (relay == null) {
            return;
        }
        // Let the round in progress finish (its sends are bounded by the producer's delivery timeout).
        stopping.countDown();
        wakeUp.release();
        try {
            relay.join(Duration.ofSeconds(20).toMillis());
            if (relay.isAlive()) {
                relay.interrupt();
            }
            else {
                sendWhatIsLeft();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            outbox.release(owner);
        }
        catch (RuntimeException e) {
            log.warn("Could not release this instance's outbox claims; they expire in {}: {}",
                    properties.claimDuration(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Stops after the token module's refreshers (phase 0) have written the answers in flight, and before the Kafka
     * producer factory (phase {@code Integer.MIN_VALUE}) closes the producer: the events of those last refreshes
     * leave through this instance.
     */
    @Override
    public int getPhase() {
        return -1000;
    }

    /** One last round for rows committed since the relay's last look (full batches repeat, failures wait). */
    private void sendWhatIsLeft() throws InterruptedException {
        try {
            Round round;
            do {
                round = deliverOneBatch();
            }
            while (round.failed() == 0 && round.sent() == properties.batchSize());
        }
        catch (RuntimeException e) {
            log.warn("Event relay's last round on shutdown failed; the rows stay in the outbox: {}", e.toString());
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        InFlight previous = InFlight.NONE;
        while (thread == Thread.currentThread()) {
            InFlight next = InFlight.NONE;
            Round round; // null: nothing was awaited this time (the batch just sent is awaited next time)
            try {
                next = claimAndSend(previous);
                round = !previous.isEmpty() ? complete(previous) : next.isEmpty() ? Round.IDLE : null;
            }
            catch (RuntimeException e) {
                log.warn("Event relay round failed; trying again: {}", e.toString());
                round = Round.FAILED;
                if (next.isEmpty()) {
                    // The claim failed: the previous batch is awaited next time (its rows are not claimed again).
                    // Had its removal failed instead, its rows are sent again (a copy at worst); the batch just sent
                    // has none of their athletes' later rows, as it was claimed while they were pending.
                    next = previous;
                }
            }
            catch (InterruptedException e) {
                return;
            }
            previous = next;
            if (round != null) {
                failing = round.failed() > 0;
                if (failing) {
                    failedRounds.incrementAndGet();
                    backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), properties.maxBackoff());
                }
                else {
                    backoff = Duration.ZERO;
                }
            }
            try {
                if (round != null && failing) {
                    // Commits do not cut the pause short: Kafka is what we wait for.
                    stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
                }
                else if (previous.isEmpty()) {
                    // Caught up (or waiting for another instance): sleep until woken or the next poll.
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUp.drainPermits();
            }
            catch (InterruptedException e) {
                return;
            }
        }
        try {
            complete(previous);
        }
        catch (RuntimeException | InterruptedException e) {
            log.warn("Event relay's round in flight at stop not completed; its rows stay in the outbox: {}", e.toString());
        }
    }

    private Round deliverOneBatch() throws InterruptedException {
        return complete(claimAndSend(InFlight.NONE));
    }

    /** Claims a batch (not the rows of {@code previous}, still in flight) and starts sending it. */
    private InFlight claimAndSend(InFlight previous) {
        long claimedAt = System.nanoTime();
        List<OutboxRecord> batch = transactions.execute(tx -> outbox.claim(owner, properties.batchSize(),
                properties.claimDuration(), previous.ids()));
        if (batch == null || batch.isEmpty()) {
            return InFlight.NONE;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
        Set<String> blockedKeys = new HashSet<>();
        for (OutboxRecord row : batch) {
            sends.add(blockedKeys.contains(row.key()) ? null : send(row, blockedKeys));
        }
        // Never use a claim past three quarters of its life: after that another instance may take the rows over.
        return new InFlight(batch, sends, claimedAt + properties.claimDuration().toNanos() * 3 / 4);
    }

    /** Awaits a batch's acknowledgements, removes the acknowledged rows and counts the failed ones. */
    private Round complete(InFlight round) throws InterruptedException {
        if (round.isEmpty()) {
            return Round.IDLE;
        }
        List<OutboxRecord> batch = round.batch();
        List<CompletableFuture<?>> sends = round.sends();
        long deadline = round.deadline();
        List<Long> acknowledged = new ArrayList<>(batch.size());
        List<Long> failed = new ArrayList<>();
        String error = null;
        for (int i = 0; i < batch.size(); i++) {
            String outcome = await(sends.get(i), deadline);
            if (outcome == null) {
                acknowledged.add(batch.get(i).id());
            }
            else {
                failed.add(batch.get(i).id());
                error = error == null ? outcome : error;
            }
        }
        outbox.complete(acknowledged, owner);
        sent.addAndGet(acknowledged.size());
        if (!failed.isEmpty()) {
            outbox.failed(failed, owner, error);
            log.warn("{} of {} event(s) not acknowledged by Kafka ({}); they stay in the outbox and are sent again",
                    failed.size(), batch.size(), error);
        }
        return new Round(acknowledged.size(), failed.size());
    }

    /** Starts one send; a send refused at once blocks the rest of its key in this batch, to keep the key's order. */
    private CompletableFuture<?> send(OutboxRecord row, Set<String> blockedKeys) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(TokenEvents.TYPE_HEADER, row.eventType().getBytes(StandardCharsets.UTF_8));
        try {
            CompletableFuture<?> future = kafka.send(record);
            if (future.isCompletedExceptionally()) {
                blockedKeys.add(row.key());
            }
            return future;
        }
        catch (RuntimeException e) {
            blockedKeys.add(row.key());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Null when acknowledged, else why not. */
    private static String await(CompletableFuture<?> send, long deadline) throws InterruptedException {
        if (send == null) {
            return "an earlier event of the same athlete failed";
        }
        try {
            Object result = send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (result instanceof SendResult<?, ?> sent && !sent.getRecordMetadata().hasOffset()) {
                // The producer took the broker's "duplicate" for a success without an offset: send it again
                // rather than trust a write nobody can point at (a copy at worst; consumers drop it).
                log.warn("Kafka acknowledged {} without an offset; it is sent again",
                        sent.getProducerRecord().key());
                return "acknowledged without an offset";
            }
            return null;
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause()
                    : e.getCause();
            return String.valueOf(cause);
        }
        catch (TimeoutException e) {
            return "no acknowledgement within the claim";
        }
    }

    private static String abbreviate(String processName) {
        return processName.length() <= 100 ? processName : processName.substring(0, 100);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A batch sent and not yet awaited. */
    private record InFlight(List<OutboxRecord> batch, List<CompletableFuture<?>> sends, long deadline) {

        static final InFlight NONE = new InFlight(List.of(), List.of(), 0);

        boolean isEmpty() {
            return batch.isEmpty();
        }

        List<Long> ids() {
            return batch.stream().map(OutboxRecord::id).toList();
        }
    }

    private record Round(int sent, int failed) {

        static final Round IDLE = new Round(0, 0);
        static final Round FAILED = new Round(0, 1);
    }
}
