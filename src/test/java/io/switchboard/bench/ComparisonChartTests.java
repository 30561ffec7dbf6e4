package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonChartTests {

	@Test
	void resultsBecomeATableAndPngCharts(@TempDir Path dir) throws Exception {
		Path results = dir.resolve("results.jsonl");
		Files.writeString(results,
				"""
						{"server":"switchboard","scenario":"100 clients","result":{"deliveredPerSecond":200000,"lossPercent":0,"orderViolations":0,"p50Ms":0.8,"p99Ms":3.4,"maxMs":23,"serverCpuCores":0.37}}
						{"server":"netty","scenario":"100 clients","result":{"deliveredPerSecond":200000,"lossPercent":0,"orderViolations":0,"p50Ms":0.81,"p99Ms":2.8,"maxMs":6.9,"serverCpuCores":0.35}}
						""");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = ComparisonChart.run(new String[] { results.toString(), dir.resolve("results").toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertThat(status).isZero();
		assertThat(Files.readString(dir.resolve("results.md"))).contains("| 100 clients | switchboard | 200,000 |")
			.contains("| 100 clients | netty | 200,000 | 0.000 | 0 | 0.81 | 2.80 | 6.90 | 0.35 |");
		assertThat(ImageIO.read(dir.resolve("results-p99.png").toFile()).getWidth()).isEqualTo(900);
		assertThat(ImageIO.read(dir.resolve("results-cpu.png").toFile()).getHeight()).isEqualTo(500);
	}

}
