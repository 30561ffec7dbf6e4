package io.switchboard.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The trusted networks ({@code switchboard.tcp.proxy-trusted}) and the guard that refuses
 * a header where none is expected, without sockets. Headers on real sockets:
 * {@code tcp.ProxyProtocolTests}.
 */
class ProxyProtocolParsingTests {

	@Test
	void networksMatchTheirAddressesOnly() throws IOException {
		ProxyProtocol proxy = new ProxyProtocol(ProxyProtocol.Mode.ANY,
				List.of("10.0.0.0/8", " 192.0.2.7 ", "172.16.0.0/12", "2001:db8::/32"));
		assertThat(proxy.expectsHeaderFrom(address("10.200.3.4"))).isTrue();
		assertThat(proxy.expectsHeaderFrom(address("11.0.0.1"))).isFalse();
		assertThat(proxy.expectsHeaderFrom(address("192.0.2.7"))).isTrue();
		assertThat(proxy.expectsHeaderFrom(address("192.0.2.8"))).isFalse();
		assertThat(proxy.expectsHeaderFrom(address("172.31.255.255"))).isTrue();
		assertThat(proxy.expectsHeaderFrom(address("172.32.0.0"))).isFalse();
		assertThat(proxy.expectsHeaderFrom(address("2001:db8:ffff::1"))).isTrue();
		assertThat(proxy.expectsHeaderFrom(address("2001:db9::1"))).isFalse();
		assertThat(
				new ProxyProtocol(ProxyProtocol.Mode.OFF, List.of("0.0.0.0/0")).expectsHeaderFrom(address("10.0.0.1")))
			.as("off trusts nobody")
			.isFalse();
		assertThat(new ProxyProtocol(ProxyProtocol.Mode.V1, List.of("0.0.0.0/0")).expectsHeaderFrom(address("::1")))
			.as("an IPv4 network holds no IPv6 address")
			.isFalse();
	}

	@Test
	void anythingButAnAddressOrNetworkIsRefusedAndNoNameIsLookedUp() {
		for (String bad : List.of("10.0.0.0/33", "10.0.0", "10.0.0.256", "localhost", "example.com", "10.0.0.0/",
				"10.0.0.0/-1", "::1/129", "", "1.2.3.4/8/8", "[::1]")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> new ProxyProtocol(ProxyProtocol.Mode.ANY, List.of(bad)))
				.withMessageContaining("not an address or network (CIDR)");
		}
	}

	@Test
	void chatPassesTheGuardByteForByteEvenWhenItStartsLikeAHeader() {
		AtomicInteger refused = new AtomicInteger();
		for (String chat : List.of("hello\n", "\r\n\r\nhi\n", "PROXY servers are fine\n", "PROXY TCP5\n", "PROX")) {
			byte[] bytes = chat.getBytes(StandardCharsets.US_ASCII);
			assertThat(passed(bytes, 1, refused)).as(chat).isEqualTo(bytes);
			assertThat(passed(bytes, bytes.length, refused)).as(chat).isEqualTo(bytes);
		}
		assertThat(refused).hasValue(0);
	}

	@Test
	void aHeaderIsRefusedAndNothingOfItOrAfterItIsPassedOn() {
		byte[] v2 = new byte[ProxyHeader.V2_SIGNATURE.length + 20];
		System.arraycopy(ProxyHeader.V2_SIGNATURE, 0, v2, 0, ProxyHeader.V2_SIGNATURE.length);
		List<byte[]> headers = List.of(ascii("PROXY TCP4 203.0.113.1 127.0.0.1 1 2\r\nhi\n"),
				ascii("PROXY TCP6 ::1 ::1 1 2\r\n"), ascii("PROXY UNKNOWN\r\n"), v2);
		for (byte[] header : headers) {
			AtomicInteger refused = new AtomicInteger();
			assertThat(passed(header, 1, refused)).isEmpty();
			assertThat(refused).hasValue(1);
		}
	}

	@Test
	void aTrustedPeersHeaderIsParsedOnlyOnceCompleteAndLeavesWhatFollows() throws ProxyHeaderException {
		byte[] sent = ascii("PROXY TCP4 203.0.113.1 127.0.0.1 41000 9999\r\nhello\n");
		int headerLength = sent.length - "hello\n".length();
		for (int n = 0; n < headerLength; n++) {
			assertThat(ProxyHeader.parse(sent, n, ProxyProtocol.Mode.ANY)).as("first %d bytes", n).isNull();
		}
		ProxyHeader.Parsed parsed = ProxyHeader.parse(sent, sent.length, ProxyProtocol.Mode.ANY);
		assertThat(parsed).isNotNull();
		assertThat(parsed.length()).isEqualTo(headerLength);
		assertThat(parsed.header().source()).hasToString("/203.0.113.1:41000");
	}

	/**
	 * What the guard passes on of {@code bytes} arriving {@code perRead} at a time, then
	 * the end of the input, on an event loop of its own.
	 */
	private static byte[] passed(byte[] bytes, int perRead, AtomicInteger refused) {
		EmbeddedChannel channel = new EmbeddedChannel(new ProxyHeaderSniffer(refused::incrementAndGet));
		for (int from = 0; from < bytes.length; from += perRead) {
			channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, Math.min(perRead, bytes.length - from)));
		}
		channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (ByteBuf read = channel.readInbound(); read != null; read = channel.readInbound()) {
			byte[] chunk = new byte[read.readableBytes()];
			read.readBytes(chunk);
			read.release();
			out.writeBytes(chunk);
		}
		channel.finishAndReleaseAll();
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static InetAddress address(String literal) throws IOException {
		return InetAddress.getByName(literal);
	}

}
