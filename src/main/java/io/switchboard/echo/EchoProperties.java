package io.switchboard.echo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The echo service ({@code switchboard.echo.*}), TCP and UDP on one port number.
 *
 * @param enabled whether to run it
 * @param host address to bind
 * @param port port for both TCP and UDP; 0 picks free ones
 */
@ConfigurationProperties("switchboard.echo")
@Validated
public record EchoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9007") @Min(0) @Max(65535) int port) {

}
