package io.switchboard.admin;

import io.switchboard.auth.AdminProperties;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The operations page ({@code /admin/}, static, behind the admin's credentials) and the
 * paths its scripts call. Those forward to the {@code clients} and {@code rooms}
 * endpoints' operations: being under {@code /admin/}, they carry the browser's cached
 * HTTP Basic credentials (browsers send them unasked only below the path that was
 * challenged), so the page neither prompts again for {@code /actuator/} nor reads it
 * anonymously. Without an admin password nobody could sign in, so the page says how to
 * set one instead of asking for credentials that cannot exist.
 */
@Controller
class AdminPageController {

	/** Served to everyone while {@code switchboard.admin.password} is not set. */
	static final String NO_PASSWORD_PAGE = "/admin/no-password.html";

	private final AdminProperties admin;

	AdminPageController(AdminProperties admin) {
		this.admin = admin;
	}

	@GetMapping("/admin")
	String admin() {
		return "redirect:/admin/";
	}

	@GetMapping("/admin/")
	String page() {
		return "forward:" + (this.admin.writesEnabled() ? "/admin/index.html" : NO_PASSWORD_PAGE);
	}

	@GetMapping("/admin/api/clients")
	String clients() {
		return "forward:/actuator/clients";
	}

	@GetMapping("/admin/api/rooms")
	String rooms() {
		return "forward:/actuator/rooms";
	}

	@DeleteMapping("/admin/api/clients/{id:[A-Za-z0-9._-]+}")
	String disconnect(@PathVariable String id) {
		return "forward:/actuator/clients/" + id;
	}

	@PostMapping("/admin/api/clients")
	String message() {
		return "forward:/actuator/clients";
	}

	@GetMapping("/admin/api/bans")
	String bans() {
		return "forward:/actuator/bans";
	}

	@PostMapping("/admin/api/bans")
	String ban() {
		return "forward:/actuator/bans";
	}

	@DeleteMapping("/admin/api/bans/{id:[A-Za-z0-9._-]+}")
	String lift(@PathVariable String id) {
		return "forward:/actuator/bans/" + id;
	}

}
