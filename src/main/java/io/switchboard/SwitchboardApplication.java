package io.switchboard;

import java.util.Arrays;

import io.switchboard.bench.ComparisonChart;
import io.switchboard.bench.LoadGenerator;
import io.switchboard.terminal.TerminalClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Switchboard: TCP and UDP group-chat and broadcast server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {

	public static void main(String[] args) {
		if (args.length > 1 && args[0].equals("bench") && args[1].equals("chart")) {
			System.exit(ComparisonChart.run(Arrays.copyOfRange(args, 2, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("bench")) {
			// The load generator: no Spring context either.
			System.exit(LoadGenerator.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("client")) {
			// The terminal client: no Spring context, so no listeners and no web server.
			System
				.exit(TerminalClient.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
		}
		SpringApplication.run(SwitchboardApplication.class, args);
	}

}
