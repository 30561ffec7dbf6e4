package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One room as operators see it.
 *
 * @param members clients in it (on every node, in a cluster whose directory is reachable;
 * else on this node)
 * @param topic its topic, or null
 * @param historyLines chat lines its history keeps (on this node)
 * @param historyBytes their estimated heap bytes
 */
public record RoomSummary(String name, int members, @Nullable String topic, long historyLines, long historyBytes) {

	static List<RoomSummary> of(Rooms rooms, History history, Topics topics, ClusterBridge cluster) {
		Map<String, Integer> members = cluster.rooms();
		if (members == null) {
			members = rooms.counts();
		}
		SortedSet<String> names = new TreeSet<>(members.keySet());
		names.addAll(history.rooms());
		names.addAll(topics.rooms());
		List<RoomSummary> summaries = new ArrayList<>(names.size());
		for (String name : names) {
			Event.Topic topic = topics.get(name);
			History.RoomStats kept = history.stats(name);
			summaries.add(new RoomSummary(name, members.getOrDefault(name, 0), (topic != null) ? topic.text() : null,
					kept.lines(), kept.bytes()));
		}
		return summaries;
	}

}
