package io.switchboard.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForeignProtocolTests {

	@Test
	void httpRequestLinesOfTheUsualMethodsAndTheHttp2PrefaceAreHttp() {
		for (String line : new String[] { "GET / HTTP/1.1", "HEAD /x HTTP/1.0", "POST /api?q=1 HTTP/1.1",
				"PUT /a HTTP/1.1", "DELETE /a HTTP/1.1", "CONNECT example.com:443 HTTP/1.1", "OPTIONS * HTTP/1.1",
				"TRACE / HTTP/1.1", "PATCH /a HTTP/1.1", "PRI * HTTP/2.0", "GET / HTTP/1.1\r\nHost: x\r\n\r\n" }) {
			assertThat(ForeignProtocol.recognise(bytes(line))).as(line).isEqualTo(ForeignProtocol.HTTP);
		}
	}

	@Test
	void chatThatMerelyMentionsHttpIsChat() {
		for (String line : new String[] { "GET me a coffee", "get / http/1.1", "GET  / HTTP/1.1", "GET / HTTP/x",
				"FETCH / HTTP/1.1", "I said GET / HTTP/1.1", "", "G", "\u0016" }) {
			assertThat(ForeignProtocol.recognise(bytes(line))).as(line).isNull();
		}
	}

	@Test
	void aTlsHandshakeRecordIsTls() {
		assertThat(ForeignProtocol.recognise(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 }))
			.isEqualTo(ForeignProtocol.TLS);
		assertThat(ForeignProtocol.recognise(new byte[] { 0x16, 0x03 })).isEqualTo(ForeignProtocol.TLS);
		assertThat(ForeignProtocol.recognise(new byte[] { 0x16, 0x04, 0x01 })).isNull();
	}

	@Test
	void answersAreAnHttp400WithAnExactContentLengthAndATlsAlertThenTheErrorLine() {
		assertThat(new String(ForeignProtocol.HTTP.answer().bytes(), StandardCharsets.US_ASCII))
			.isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n"
					+ "Connection: close\r\n\r\nERR this is a chat port\n");
		byte[] tls = ForeignProtocol.TLS.answer().bytes();
		assertThat(tls).startsWith(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28);
		assertThat(new String(tls, 7, tls.length - 7, StandardCharsets.US_ASCII))
			.isEqualTo("ERR this is a chat port\n");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
