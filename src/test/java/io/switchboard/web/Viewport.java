package io.switchboard.web;

/**
 * The two sizes the web chat page is checked at: a phone's (390x844 CSS pixels, a current
 * phone's portrait screen) and a laptop's.
 */
enum Viewport {

	PHONE(390, 844, true), DESKTOP(1280, 800, false);

	final int width;

	final int height;

	final boolean mobile;

	Viewport(int width, int height, boolean mobile) {
		this.width = width;
		this.height = height;
		this.mobile = mobile;
	}

}
