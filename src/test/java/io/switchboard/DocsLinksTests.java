package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and {@code docs/**}{@code /*.md} stay navigable: every relative link reaches
 * a file, every {@code #anchor} a heading, and the README stays a front page whose first
 * screen has the test command and the web page's address. Plain JUnit, no Spring.
 */
class DocsLinksTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

	private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

	@Test
	void everyRelativeLinkReachesAFileThatExists() {
		List<String> broken = new ArrayList<>();
		for (Path doc : documents()) {
			for (String target : links(doc)) {
				String path = pathOf(target);
				if (!path.isEmpty() && !Files.exists(doc.getParent().resolve(path).normalize())) {
					broken.add(ROOT.relativize(doc) + ": link '" + target + "' points to a file that does not exist");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void everyAnchorMatchesAHeadingOfItsFile() {
		List<String> broken = new ArrayList<>();
		for (Path doc : documents()) {
			for (String target : links(doc)) {
				int hash = target.indexOf('#');
				if (hash < 0) {
					continue;
				}
				String path = pathOf(target);
				Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
				if (!file.toString().endsWith(".md") || !Files.exists(file)) {
					continue;
				}
				String anchor = target.substring(hash + 1);
				if (!anchors(file).contains(anchor)) {
					broken.add(ROOT.relativize(doc) + ": link '" + target + "' has no heading '#" + anchor + "' in "
							+ ROOT.relativize(file));
				}
			}
		}
		assertThat(broken).as("anchors without a heading").isEmpty();
	}

	@Test
	void readmeIsAFrontPageOfAtMost300Lines() throws IOException {
		assertThat(Files.readAllLines(ROOT.resolve("README.md"))).as("README.md lines").hasSizeLessThanOrEqualTo(300);
	}

	@Test
	void readmeFirstScreenGivesTheTestCommandAndTheWebPage() throws IOException {
		List<String> firstScreen = Files.readAllLines(ROOT.resolve("README.md")).stream().limit(40).toList();
		assertThat(firstScreen).as("README.md's first 40 lines").contains("./mvnw verify");
		assertThat(String.join("\n", firstScreen)).as("README.md's first 40 lines").contains("http://localhost:8080/");
	}

	@Test
	void slugsFollowGitHubsRules() {
		assertThat(slug("WebSocket (`/ws`)")).isEqualTo("websocket-ws");
		assertThat(slug("Behind a load balancer: PROXY protocol and forwarded headers"))
			.isEqualTo("behind-a-load-balancer-proxy-protocol-and-forwarded-headers");
		assertThat(slug("The seeds' Python clients")).isEqualTo("the-seeds-python-clients");
		assertThat(slug("snake_case and kebab-case")).isEqualTo("snake_case-and-kebab-case");
		assertThat(anchorsOf(List.of("# A", "## A", "```", "# A", "```", "### A"))).containsExactly("a", "a-1", "a-2");
	}

	private static List<Path> documents() {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
			files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

	/** Relative link targets outside code, in order; web and mail links are left out. */
	private static List<String> links(Path doc) {
		List<String> targets = new ArrayList<>();
		boolean fenced = false;
		for (String line : read(doc)) {
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("``"));
			while (link.find()) {
				String target = link.group(1);
				if (!target.matches("(?i)^(https?|mailto):.*")) {
					targets.add(target);
				}
			}
		}
		return targets;
	}

	private static String pathOf(String target) {
		int hash = target.indexOf('#');
		return (hash < 0) ? target : target.substring(0, hash);
	}

	private Set<String> anchors(Path file) {
		return this.anchorsByFile.computeIfAbsent(file, (f) -> anchorsOf(read(f)));
	}

	/** GitHub's heading anchors: slugs, with -1, -2 ... for repeated headings. */
	private static Set<String> anchorsOf(List<String> lines) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		for (String line : lines) {
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!fenced && heading.matches()) {
				String slug = slug(heading.group(2));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	/** Lower case, punctuation other than - and _ dropped, spaces to -. */
	private static String slug(String heading) {
		return heading.strip()
			.toLowerCase(Locale.ROOT)
			.replace("`", "")
			.replaceAll("[^\\p{L}\\p{N}\\p{Mn}\\p{Pc} -]", "")
			.replace(' ', '-');
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
