package io.switchboard.deploy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.JsonNode;

/**
 * A picture of the dashboard's panels, drawn from the same queries' results over a time
 * range (Prometheus's {@code query_range}) with XChart: what docs/operations.md shows,
 * since no Grafana runs here. One small chart per panel, in the dashboard's order.
 */
final class DashboardPicture {

	private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	private static final int COLUMNS = 3;

	private static final int WIDTH = 520;

	private static final int HEIGHT = 260;

	private DashboardPicture() {
	}

	static void render(JsonNode dashboard, UnaryOperator<String> substitute, PrometheusServer prometheus, Instant start,
			Instant end, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		List<BufferedImage> charts = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			if (panel.get("type").asString().equals("row")) {
				continue;
			}
			XYChart chart = new XYChartBuilder().width(WIDTH)
				.height(HEIGHT)
				.title(panel.get("title").asString() + unit(panel))
				.build();
			chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
			chart.getStyler().setDatePattern("HH:mm:ss");
			chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
			chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(10f));
			Set<String> names = new HashSet<>();
			for (JsonNode target : panel.get("targets")) {
				JsonNode result = prometheus.queryRange(substitute.apply(target.get("expr").asString()), start, end);
				for (JsonNode series : result) {
					List<Date> times = new ArrayList<>();
					List<Double> values = new ArrayList<>();
					for (JsonNode point : series.get("values")) {
						double value = Double.parseDouble(point.get(1).asString());
						if (Double.isFinite(value)) {
							times.add(new Date((long) (point.get(0).asDouble() * 1000)));
							values.add(value);
						}
					}
					if (!times.isEmpty()) {
						String name = legend(target.path("legendFormat").asString(""), series.get("metric"));
						while (!names.add(name)) {
							name = name + " ";
						}
						XYSeries line = chart.addSeries(name, times, values);
						line.setMarker(SeriesMarkers.NONE);
					}
				}
			}
			if (names.isEmpty()) {
				chart.addSeries("no data", new double[] { 0 }, new double[] { 0 });
			}
			charts.add(BitmapEncoder.getBufferedImage(chart));
		}
		int rows = (charts.size() + COLUMNS - 1) / COLUMNS;
		BufferedImage picture = new BufferedImage(COLUMNS * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = picture.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, picture.getWidth(), picture.getHeight());
		for (int i = 0; i < charts.size(); i++) {
			graphics.drawImage(charts.get(i), (i % COLUMNS) * WIDTH, (i / COLUMNS) * HEIGHT, null);
		}
		graphics.dispose();
		Files.createDirectories(file.getParent());
		ImageIO.write(picture, "png", file.toFile());
	}

	private static String unit(JsonNode panel) {
		String unit = panel.at("/fieldConfig/defaults/unit").asString("");
		return switch (unit) {
			case "s" -> " (s)";
			case "bytes" -> " (bytes)";
			case "percentunit" -> " (fraction)";
			case "reqps", "ops" -> " (/s)";
			default -> "";
		};
	}

	/**
	 * Grafana's legend format: {@code {{label}}} replaced by the series' label.
	 */
	private static String legend(String format, JsonNode metric) {
		if (format.isBlank()) {
			return metric.toString();
		}
		Matcher matcher = LEGEND_LABEL.matcher(format);
		StringBuilder legend = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(legend, Matcher.quoteReplacement(metric.path(matcher.group(1)).asString("")));
		}
		matcher.appendTail(legend);
		return legend.toString();
	}

}
