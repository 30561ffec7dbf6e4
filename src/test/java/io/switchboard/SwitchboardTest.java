package io.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole application on free ports: TCP, UDP, echo and HTTP all bound to port 0 on
 * loopback. Test classes with the same extra properties share one running server, so each
 * test uses rooms of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "switchboard.tcp.port=0", "switchboard.tcp.host=127.0.0.1", "switchboard.udp.port=0",
				"switchboard.udp.host=127.0.0.1", "switchboard.echo.port=0", "switchboard.echo.host=127.0.0.1",
				"switchboard.irc.port=0", "switchboard.irc.host=127.0.0.1",
				"switchboard.admin.username=" + ChatServer.ADMIN, "switchboard.admin.password=" + ChatServer.PASSWORD,
				"switchboard.irc.operators[0].name=" + ChatServer.IRC_OPERATOR,
				"switchboard.irc.operators[0].password={noop}" + ChatServer.IRC_OPERATOR_PASSWORD,
				// Functional tests send faster than a person types, so no flood control
				// unless
				// a test asks for it with --test.client.rate=N (these properties outrank
				// args).
				"switchboard.client.rate=${test.client.rate:0}",
				"switchboard.client.byte-rate=${test.client.byte-rate:0}",
				"switchboard.accept-rate-per-ip=${test.accept-rate-per-ip:0}",
				"switchboard.udp.join-rate-per-ip=${test.udp.join-rate-per-ip:0}" })
@Import(ChatServer.class)
public @interface SwitchboardTest {

	/**
	 * Extra properties for this test class.
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "args")
	String[] value() default {};

}
