package org.cathodej.site;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * db.xml.gz read the way Fiji's XMLFileReader does (SAX, no validation), independently of {@link SiteIndex}:
 * filename -> record with the version's attributes, dependencies and previous versions.
 */
final class ParsedDb {

	static final class Rec {
		String filename;
		Map<String, String> version; // null = no current version (obsolete)
		final List<Map<String, String>> dependencies = new ArrayList<>();
		final List<Map<String, String>> previous = new ArrayList<>();
		String description;
	}

	final Map<String, Rec> records = new LinkedHashMap<>();
	final List<String> otherTopLevel = new ArrayList<>();
	String xml;

	static ParsedDb read(InputStream gz) throws Exception {
		byte[] bytes;
		try (InputStream in = new GZIPInputStream(gz)) {
			bytes = in.readAllBytes();
		}
		ParsedDb db = new ParsedDb();
		db.xml = new String(bytes, StandardCharsets.UTF_8);
		SAXParserFactory f = SAXParserFactory.newInstance();
		f.setValidating(false);
		f.newSAXParser().parse(new java.io.ByteArrayInputStream(bytes), new DefaultHandler() {
			Rec cur;
			int depth;
			StringBuilder text = new StringBuilder();

			@Override
			public void startElement(String uri, String local, String q, Attributes a) {
				depth++;
				text.setLength(0);
				if (depth == 2 && !q.equals("plugin")) db.otherTopLevel.add(q);
				switch (q) {
					case "plugin":
						cur = new Rec();
						cur.filename = a.getValue("filename");
						db.records.put(cur.filename, cur);
						break;
					case "version": cur.version = attrs(a); break;
					case "dependency": cur.dependencies.add(attrs(a)); break;
					case "previous-version": cur.previous.add(attrs(a)); break;
					default:
				}
			}

			@Override
			public void characters(char[] ch, int start, int length) {
				text.append(ch, start, length);
			}

			@Override
			public void endElement(String uri, String local, String q) {
				if (q.equals("description")) cur.description = text.toString();
				depth--;
			}
		});
		return db;
	}

	private static Map<String, String> attrs(Attributes a) {
		Map<String, String> m = new HashMap<>();
		for (int i = 0; i < a.getLength(); i++) m.put(a.getQName(i), a.getValue(i));
		return m;
	}
}
