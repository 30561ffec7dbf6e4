package io.switchboard.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code process.resident.memory}: the process's resident set (Linux {@code VmRSS}), what
 * a container's memory limit is measured against. The JVM's own meters show heap and
 * other pools it manages, not threads' stacks, malloc or mapped files, so a pod can be
 * OOM-killed while they look fine. Registered only where {@code /proc/self/status}
 * exists.
 */
final class ResidentMemoryMetrics implements MeterBinder {

	private final Path status;

	ResidentMemoryMetrics(Path status) {
		this.status = status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (Files.isReadable(this.status)) {
			Gauge.builder("process.resident.memory", this, ResidentMemoryMetrics::residentBytes)
				.description("Resident set size of the process (VmRSS)")
				.baseUnit("bytes")
				.register(registry);
		}
	}

	/**
	 * The {@code VmRSS} line in bytes, or NaN (no sample) if it cannot be read.
	 */
	double residentBytes() {
		try {
			for (String line : Files.readAllLines(this.status)) {
				if (line.startsWith("VmRSS:")) {
					// "VmRSS: 123456 kB": the kernel always reports kB here.
					String kilobytes = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
					return Long.parseLong(kilobytes) * 1024.0;
				}
			}
			return Double.NaN;
		}
		catch (IOException | NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
