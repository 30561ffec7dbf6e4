package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar switchboard.jar bench chart RESULTS.jsonl OUT_PREFIX}: turns the
 * comparison script's results (one JSON object per line: {@code server},
 * {@code scenario}, {@code result}) into a Markdown table and PNG charts of p99 latency
 * and server CPU.
 */
public final class ComparisonChart {

	private ComparisonChart() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 2) {
			err.println("usage: java -jar switchboard.jar bench chart RESULTS.jsonl OUT_PREFIX");
			return 2;
		}
		try {
			List<JsonNode> rows = new ArrayList<>();
			JsonMapper json = JsonMapper.builder().build();
			for (String line : Files.readAllLines(Path.of(args[0]))) {
				if (!line.isBlank()) {
					rows.add(json.readTree(line));
				}
			}
			Path prefix = Path.of(args[1]);
			String table = table(rows);
			Files.writeString(Path.of(prefix + ".md"), table);
			chart(rows, "p99Ms", "p99 latency (ms)", Path.of(prefix + "-p99.png"));
			chart(rows, "serverCpuCores", "server CPU (cores)", Path.of(prefix + "-cpu.png"));
			out.print(table);
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			err.println("switchboard bench chart: " + ex);
			return 1;
		}
	}

	static String table(List<JsonNode> rows) {
		StringBuilder table = new StringBuilder(
				"| scenario | server | delivered/s | loss % | misordered | p50 ms | p99 ms | max ms | server CPU |\n"
						+ "|---|---|---|---|---|---|---|---|---|\n");
		for (JsonNode row : rows) {
			JsonNode r = row.get("result");
			table.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.3f | %d | %.2f | %.2f | %.2f | %.2f |%n",
					row.get("scenario").asString(), row.get("server").asString(),
					r.get("deliveredPerSecond").asDouble(), r.get("lossPercent").asDouble(),
					r.get("orderViolations").asLong(), r.get("p50Ms").asDouble(), r.get("p99Ms").asDouble(),
					r.get("maxMs").asDouble(), r.get("serverCpuCores").asDouble()));
		}
		return table.toString();
	}

	private static void chart(List<JsonNode> rows, String field, String title, Path file) throws IOException {
		Set<String> scenarios = new LinkedHashSet<>();
		Map<String, Map<String, Double>> byServer = new LinkedHashMap<>();
		for (JsonNode row : rows) {
			String scenario = row.get("scenario").asString();
			scenarios.add(scenario);
			byServer.computeIfAbsent(row.get("server").asString(), (s) -> new LinkedHashMap<>())
				.put(scenario, row.get("result").get(field).asDouble());
		}
		CategoryChart chart = new CategoryChartBuilder().width(900)
			.height(500)
			.title(title)
			.xAxisTitle("scenario")
			.yAxisTitle(title)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		List<String> x = new ArrayList<>(scenarios);
		byServer.forEach((server, values) -> chart.addSeries(server, x,
				x.stream().map((scenario) -> values.getOrDefault(scenario, 0.0)).toList()));
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
