package io.switchboard.auth;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ways to name the key: an RSA public key file, an EC one, and a JWK Set served
 * over HTTP (here by a local server, as an identity provider would). A token signed with
 * the right key gets in; one signed with HMAC, or unsigned, does not.
 */
class TokenKeysTests {

	@Test
	void anRsaPublicKeyFileChecksRs256Tokens() throws Exception {
		KeyPair pair = generate("RSA", 2048);
		Path pem = pem(pair);
		String good = Tokens.signed(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256,
				Tokens.claims("rsa-user", Duration.ofMinutes(5), Map.of()));
		try (ConfigurableApplicationContext server = start("--switchboard.auth.jwt.public-key-location=file:" + pem)) {
			assertThat(auth(server, good)).startsWith("* authenticated as rsa-user");
			assertThat(auth(server, Tokens.hmac("hmac-user", Duration.ofMinutes(5), Map.of())))
				.startsWith("ERR invalid token: ");
			assertThat(auth(server, Tokens.unsigned("nobody"))).startsWith("ERR invalid token: ");
		}
	}

	@Test
	void anEcPublicKeyFileChecksEs256Tokens() throws Exception {
		KeyPair pair = generate("EC", 256);
		Path pem = pem(pair);
		String good = Tokens.signed(new ECDSASigner((ECPrivateKey) pair.getPrivate()), JWSAlgorithm.ES256,
				Tokens.claims("ec-user", Duration.ofMinutes(5), Map.of()));
		try (ConfigurableApplicationContext server = start("--switchboard.auth.jwt.public-key-location=file:" + pem)) {
			assertThat(((ECPublicKey) pair.getPublic()).getParams()).isNotNull();
			assertThat(auth(server, good)).startsWith("* authenticated as ec-user");
			assertThat(auth(server, Tokens.hmac("hmac-user", Duration.ofMinutes(5), Map.of())))
				.startsWith("ERR invalid token: ");
		}
	}

	@Test
	void aJwkSetUrlServesTheKeysAndATokenSignedWithAnotherKeyIsRefused() throws Exception {
		KeyPair pair = generate("RSA", 2048);
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID("k1").build();
		HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwks.createContext("/jwks.json", (exchange) -> {
			byte[] body = new JWKSet(jwk).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		jwks.start();
		try (ConfigurableApplicationContext server = start(
				"--switchboard.auth.jwt.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json",
				"--switchboard.auth.jwt.issuer=https://idp.test")) {
			assertThat(auth(server, rs256(pair, "jwks-user", "https://idp.test")))
				.startsWith("* authenticated as jwks-user");
			assertThat(auth(server, rs256(generate("RSA", 2048), "forger", "https://idp.test")))
				.isEqualTo("ERR invalid token: bad signature");
			assertThat(auth(server, rs256(pair, "elsewhere", "https://evil.test")))
				.isEqualTo("ERR invalid token: wrong issuer");
		}
		finally {
			jwks.stop(0);
		}
	}

	/** An RS256 token naming key {@code k1}, as the JWK Set serves it. */
	private static String rs256(KeyPair key, String subject, String issuer) {
		return Tokens.signed(new RSASSASigner(key.getPrivate()),
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
				new JWTClaimsSet.Builder(Tokens.claims(subject, Duration.ofMinutes(5), Map.of())).issuer(issuer)
					.build());
	}

	private static String auth(ConfigurableApplicationContext server, String token) {
		ChatServer chat = new ChatServer(server.getBean("tcpChatServer", StreamListener.class),
				server.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) server);
		try (LineClient client = LineClient.connected(chat.tcpPort())) {
			client.readLine();
			client.send("/auth " + token);
			return client.readLine();
		}
	}

	private static ConfigurableApplicationContext start(String... key) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--switchboard.tcp.port=0", "--switchboard.irc.port=0", "--switchboard.irc.host=127.0.0.1",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.enabled=false", "--switchboard.websocket.enabled=false",
				"--switchboard.auth.mode=token"));
		args.addAll(List.of(key));
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new));
	}

	private static KeyPair generate(String algorithm, int size) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
		generator.initialize(size);
		return generator.generateKeyPair();
	}

	private static Path pem(KeyPair pair) throws IOException {
		Path file = Files.createTempFile("switchboard-key", ".pem");
		file.toFile().deleteOnExit();
		Files.writeString(file,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		return file;
	}

}
