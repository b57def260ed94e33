package com.podium.connect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplayOrderTest {

    @Test
    void mergesPartitionsByTimestamp() {
        var merged = ReplayOrder.merge(Map.of(
                0, List.of(record(0, 0, 100), record(0, 1, 300)),
                1, List.of(record(1, 0, 200), record(1, 1, 400))));

        assertThat(merged).extracting(ConsumerRecord::timestamp).containsExactly(100L, 200L, 300L, 400L);
    }

    @Test
    void neverReordersWithinAPartitionEvenWhenTimestampsGoBackwards() {
        var merged = ReplayOrder.merge(Map.of(
                0, List.of(record(0, 0, 500), record(0, 1, 100)),
                1, List.of(record(1, 0, 300))));

        assertThat(merged).extracting(r -> r.partition() + "/" + r.offset()).containsExactly("1/0", "0/0", "0/1");
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, long timestamp) {
        return new ConsumerRecord<>("t", partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v",
                new RecordHeaders(), Optional.empty());
    }
}
