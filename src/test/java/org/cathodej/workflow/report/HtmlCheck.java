package org.cathodej.workflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;

/** Parses a report with the JDK's HTML parser: the section ids, and every image decoded as a PNG. */
public final class HtmlCheck {

	public final List<String> sections = new ArrayList<>();
	public final List<BufferedImage> images = new ArrayList<>();
	public final String text;

	private HtmlCheck(String html) {
		this.text = html;
	}

	public static HtmlCheck parse(Path file) throws Exception {
		String html = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		HtmlCheck c = new HtmlCheck(html);
		List<String> srcs = new ArrayList<>();
		// the JDK parser knows HTML 3.2: <section> is an unknown tag, reported through handleStartTag with its attributes
		new ParserDelegator().parse(new StringReader(html), new HTMLEditorKit.ParserCallback() {
			@Override
			public void handleStartTag(HTML.Tag t, MutableAttributeSet a, int pos) {
				tag(t, a);
			}

			@Override
			public void handleSimpleTag(HTML.Tag t, MutableAttributeSet a, int pos) {
				tag(t, a);
			}

			void tag(HTML.Tag t, MutableAttributeSet a) {
				Object id = a.getAttribute(HTML.Attribute.ID);
				if (id != null && html.contains("<section id=\"" + id + "\"")) c.sections.add(id.toString());
				if (t == HTML.Tag.IMG) srcs.add(String.valueOf(a.getAttribute(HTML.Attribute.SRC)));
			}
		}, true);
		int imgTags = html.split("<img ", -1).length - 1;
		assertEquals(imgTags, srcs.size(), "the parser must see every <img>");
		for (String s : srcs) {
			assertTrue(s.startsWith("data:image/png;base64,"), "image not embedded: " + s.substring(0, Math.min(60, s.length())));
			byte[] png = Base64.getDecoder().decode(s.substring("data:image/png;base64,".length()));
			assertEquals((byte) 0x89, png[0]);
			assertEquals('P', png[1]);
			BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
			assertNotNull(img, "not a decodable PNG");
			assertTrue(img.getWidth() > 10 && img.getHeight() > 10);
			c.images.add(img);
		}
		assertTrue(html.trim().endsWith("</html>"), "report is truncated");
		return c;
	}

	public void assertSections(String... ids) {
		for (String id : ids) assertTrue(sections.contains(id), "section " + id + " missing; found " + sections);
	}
}
