package io.switchboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the Spring Boot configuration processor writes from the
 * properties records ({@code META-INF/spring-configuration-metadata.json}, in the jar for
 * IDEs) lists every key of the README's configuration table, and describes every
 * {@code switchboard.*} key.
 */
class ConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/**
	 * The header of a configuration table ({@code | key | default | meaning |}), unlike
	 * the metrics' ({@code | meter | tags | what |}), whose rows start alike.
	 */
	private static final String KEY_TABLE = "| key |";

	/**
	 * A row of a configuration table:
	 * {@code | `switchboard.KEY` ... | default | meaning |}.
	 */
	private static final String ROW = "| `switchboard.";

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void everyKeyOfTheDocumentedConfigurationTableIsInTheMetadata() throws IOException {
		Map<String, String> properties = switchboardProperties();
		TreeSet<String> documented = documentedKeys();
		// The table has well over 100 rows: finding few means the docs moved or changed
		// their format, not that every key is covered.
		assertThat(documented).hasSizeGreaterThan(50)
			.contains("switchboard.tcp.framing", "switchboard.unix.framing", "switchboard.unix.peer-timeout");
		assertThat(properties.keySet()).containsAll(documented);
	}

	@Test
	void everySwitchboardKeyInTheMetadataHasADescription() throws IOException {
		Map<String, String> properties = switchboardProperties();
		assertThat(properties).isNotEmpty();
		List<String> undescribed = properties.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isBlank())
			.map(Map.Entry::getKey)
			.toList();
		assertThat(undescribed).isEmpty();
	}

	/**
	 * The {@code switchboard.*} properties of the metadata on the class path, with their
	 * descriptions (empty when there is none).
	 */
	private static Map<String, String> switchboardProperties() throws IOException {
		JsonNode metadata;
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(METADATA)) {
			assertThat(in).as(METADATA + " on the class path").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, String> properties = new TreeMap<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("switchboard.")) {
				properties.put(name, property.path("description").asString(""));
			}
		}
		return properties;
	}

	/**
	 * The keys of the configuration tables' rows in {@code README.md} and
	 * {@code docs/*.md}, whichever exist (the README is being split into docs/). A row's
	 * first cell may name several keys: {@code `a.b.c`, `.d`} is {@code a.b.c} and
	 * {@code a.b.d}; {@code `a.b.c` / `d`} is {@code a.b.c} and {@code a.b.d};
	 * {@code `a.list[i].*`} is {@code a.list}.
	 */
	private static TreeSet<String> documentedKeys() throws IOException {
		Path base = Path.of(System.getProperty("basedir", "."));
		List<Path> files = new ArrayList<>();
		if (Files.isRegularFile(base.resolve("README.md"))) {
			files.add(base.resolve("README.md"));
		}
		Path docs = base.resolve("docs");
		if (Files.isDirectory(docs)) {
			try (Stream<Path> listed = Files.list(docs)) {
				listed.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(files::add);
			}
		}
		TreeSet<String> keys = new TreeSet<>();
		for (Path file : files) {
			String header = "";
			for (String line : Files.readAllLines(file)) {
				if (!line.startsWith("|")) {
					header = "";
				}
				else if (header.isEmpty()) {
					header = line;
				}
				else if (header.startsWith(KEY_TABLE) && line.startsWith(ROW)) {
					keys.addAll(keysOf(line.split("\\|")[1]));
				}
			}
		}
		return keys;
	}

	private static List<String> keysOf(String cell) {
		List<String> keys = new ArrayList<>();
		String first = null;
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			String key = code.group(1).replaceFirst("\\[i]\\.\\*$", "");
			if (first == null) {
				first = key;
				keys.add(key);
			}
			else {
				String parent = first.substring(0, first.lastIndexOf('.'));
				keys.add(key.startsWith(".") ? parent + key : parent + "." + key);
			}
		}
		return keys;
	}

}
