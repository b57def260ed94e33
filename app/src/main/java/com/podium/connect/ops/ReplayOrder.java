package com.podium.connect.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Puts the records of several partitions into one sequence: a merge by record timestamp that never reorders
 * records within a partition. One athlete's events all sit on one partition, so each athlete keeps exactly the
 * order they were published in, even if timestamps go backwards.
 */
final class ReplayOrder {

    private ReplayOrder() {
    }

    static List<ConsumerRecord<String, String>> merge(Map<Integer, List<ConsumerRecord<String, String>>> byPartition) {
        record Head(ConsumerRecord<String, String> record, Iterator<ConsumerRecord<String, String>> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator
            .comparingLong((Head head) -> head.record().timestamp())
            .thenComparingInt(head -> head.record().partition()));
        byPartition.values().forEach(records -> {
            Iterator<ConsumerRecord<String, String>> it = records.iterator();
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        });
        List<ConsumerRecord<String, String>> merged = new ArrayList<>();
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            merged.add(head.record());
            if (head.rest().hasNext()) {
                heads.add(new Head(head.rest().next(), head.rest()));
            }
        }
        return merged;
    }
}
