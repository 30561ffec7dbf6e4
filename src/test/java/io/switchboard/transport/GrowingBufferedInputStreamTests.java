package io.switchboard.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingBufferedInputStreamTests {

	@Test
	void staysSmallForShortReadsAndGrowsToTheLimitForBulk() throws IOException {
		byte[] bulk = new byte[200_000];
		for (int i = 0; i < bulk.length; i++) {
			bulk[i] = (byte) i;
		}
		GrowingBufferedInputStream in = new GrowingBufferedInputStream(new ByteArrayInputStream(bulk));
		assertThat(in.capacity()).isEqualTo(GrowingBufferedInputStream.INITIAL_BYTES);
		byte[] copy = new byte[bulk.length];
		int offset = 0;
		copy[offset++] = (byte) in.read();
		int n;
		while ((n = in.read(copy, offset, Math.min(100, copy.length - offset))) > 0) {
			offset += n;
		}
		assertThat(offset).isEqualTo(bulk.length);
		assertThat(copy).isEqualTo(bulk);
		assertThat(in.capacity()).isEqualTo(GrowingBufferedInputStream.MAX_BYTES);
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void aQuietClientsShortLinesNeverGrowIt() throws IOException {
		// one short line per read, as from a person typing
		InputStream trickle = new InputStream() {
			private int left = 1000;

			@Override
			public int read() {
				return (this.left-- > 0) ? 'x' : -1;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (this.left <= 0) {
					return -1;
				}
				int n = Math.min(len, Math.min(this.left, 20));
				Arrays.fill(b, off, off + n, (byte) 'x');
				this.left -= n;
				return n;
			}
		};
		GrowingBufferedInputStream in = new GrowingBufferedInputStream(trickle);
		int total = 0;
		while (in.read() >= 0) {
			total++;
		}
		assertThat(total).isEqualTo(1000);
		assertThat(in.capacity()).isEqualTo(GrowingBufferedInputStream.INITIAL_BYTES);
	}

}
