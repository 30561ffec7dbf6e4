package io.switchboard.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code switchboard.format}, private-format or greeting template:
 * {@code {time}}, {@code {from}}, {@code {text}}, {@code {room}} and {@code {to}} are
 * replaced, anything else is literal. Parsed once; {@code {time}} is formatted at most
 * once per second.
 */
final class MessageFormat {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(time|from|text|room|to)}");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final List<String> literals = new ArrayList<>();

	private final List<String> fields = new ArrayList<>();

	private final DateTimeFormatter time;

	private volatile CachedTime cachedTime = new CachedTime(Long.MIN_VALUE, "");

	MessageFormat(String template, ZoneId zone) {
		this.time = TIME.withZone(zone);
		Matcher matcher = PLACEHOLDER.matcher(template);
		int last = 0;
		while (matcher.find()) {
			this.literals.add(template.substring(last, matcher.start()));
			this.fields.add(matcher.group(1));
			last = matcher.end();
		}
		this.literals.add(template.substring(last));
	}

	String render(String from, String text, String room) {
		return render(System.currentTimeMillis(), from, text, room);
	}

	/**
	 * @param timeMillis the time {@code {time}} shows
	 */
	String render(long timeMillis, String from, String text, String room) {
		return render(timeMillis, from, text, room, "");
	}

	/**
	 * @param to the receiver of a private message
	 */
	String render(long timeMillis, String from, String text, String room, String to) {
		StringBuilder line = new StringBuilder(64 + text.length());
		for (int i = 0; i < this.fields.size(); i++) {
			line.append(this.literals.get(i));
			line.append(switch (this.fields.get(i)) {
				case "time" -> time(timeMillis);
				case "from" -> from;
				case "text" -> text;
				case "to" -> to;
				default -> room;
			});
		}
		return line.append(this.literals.getLast()).toString();
	}

	private String time(long millis) {
		long second = Math.floorDiv(millis, 1000);
		CachedTime cached = this.cachedTime;
		if (cached.second != second) {
			cached = new CachedTime(second, this.time.format(Instant.ofEpochSecond(second)));
			this.cachedTime = cached;
		}
		return cached.text;
	}

	private record CachedTime(long second, String text) {
	}

}
