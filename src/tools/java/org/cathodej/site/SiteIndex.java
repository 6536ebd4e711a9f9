package org.cathodej.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The index of a Fiji update site, {@code db.xml.gz}: one {@code <plugin>} record per file, keyed by the file's path
 * relative to the Fiji root. {@link #read} parses an existing index (so a rebuild can keep timestamps);
 * {@link #toXml} writes the remote form (no update-site elements, UTF-8, the DTD inline, 4-space indent) and
 * {@link #toGzip} compresses it with a fixed gzip header, so equal records give byte-identical files.
 */
public final class SiteIndex {

	/** The current version of a file ({@code <version>}). */
	public static final class Version {
		public final long timestamp;
		public final String checksum;
		public final long filesize;
		public String description;
		public final List<Dependency> dependencies = new ArrayList<>();
		public final List<String> links = new ArrayList<>();
		public final List<String> authors = new ArrayList<>();

		public Version(long timestamp, String checksum, long filesize) {
			this.timestamp = timestamp;
			this.checksum = checksum;
			this.filesize = filesize;
		}
	}

	/** A {@code <dependency>} of a version: another file of a site that must be installed with it. */
	public static final class Dependency {
		public final String filename;
		public final long timestamp;

		public Dependency(String filename, long timestamp) {
			this.filename = filename;
			this.timestamp = timestamp;
		}
	}

	/** A {@code <previous-version>}: lets Fiji recognise an older installed copy (and offer the update). */
	public static final class Previous {
		public final long timestamp;
		/** when it stopped being current; 0 = not recorded */
		public final long timestampObsolete;
		public final String checksum;
		/** the file name it had, when different from the record's (a versioned jar renamed); else null */
		public final String filename;

		public Previous(long timestamp, long timestampObsolete, String checksum, String filename) {
			this.timestamp = timestamp;
			this.timestampObsolete = timestampObsolete;
			this.checksum = checksum;
			this.filename = filename;
		}
	}

	/** One {@code <plugin>} record. A record without a current version marks a file as removed from the site. */
	public static final class Record {
		public final String filename;
		public boolean executable;
		public final List<String> platforms = new ArrayList<>();
		public final List<String> categories = new ArrayList<>();
		public Version current;
		public final List<Previous> previous = new ArrayList<>();

		public Record(String filename) {
			this.filename = filename;
		}
	}

	/** Records sorted by file name (the order they are written in). */
	public final Map<String, Record> records = new TreeMap<>();

	public void add(Record r) {
		if (records.put(r.filename, r) != null) throw new IllegalArgumentException("Two records for " + r.filename);
	}

	// ------------------------------------------------------------------ reading

	/** Reads a {@code db.xml.gz}; a missing file gives an empty index. */
	public static SiteIndex read(Path dbXmlGz) throws IOException {
		if (!Files.exists(dbXmlGz)) return new SiteIndex();
		try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz))) {
			return parse(in);
		}
	}

	/** Parses uncompressed index XML. */
	public static SiteIndex parse(InputStream xml) throws IOException {
		Document doc;
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setValidating(false);
			f.setNamespaceAware(false);
			f.setExpandEntityReferences(false);
			f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			DocumentBuilder b = f.newDocumentBuilder();
			doc = b.parse(xml);
		} catch (ParserConfigurationException | SAXException e) {
			throw new IOException("Not a valid update-site index: " + e.getMessage(), e);
		}
		SiteIndex index = new SiteIndex();
		Element root = doc.getDocumentElement();
		if (!root.getTagName().equals("pluginRecords"))
			throw new IOException("Not an update-site index: root element is <" + root.getTagName() + ">");
		for (Element p : children(root, "plugin")) {
			Record r = new Record(p.getAttribute("filename"));
			r.executable = "true".equals(p.getAttribute("executable"));
			for (Element e : children(p, "platform")) r.platforms.add(e.getTextContent());
			for (Element e : children(p, "category")) r.categories.add(e.getTextContent());
			for (Element v : children(p, "version")) {
				Version ver = new Version(Long.parseLong(v.getAttribute("timestamp")), v.getAttribute("checksum"),
					Long.parseLong(v.getAttribute("filesize")));
				for (Element e : children(v, "description")) ver.description = e.getTextContent();
				for (Element e : children(v, "dependency")) {
					String ts = e.getAttribute("timestamp");
					ver.dependencies.add(new Dependency(e.getAttribute("filename"), ts.isEmpty() ? 0 : Long.parseLong(ts)));
				}
				for (Element e : children(v, "link")) ver.links.add(e.getTextContent());
				for (Element e : children(v, "author")) ver.authors.add(e.getTextContent());
				r.current = ver;
			}
			for (Element e : children(p, "previous-version")) {
				String obs = e.getAttribute("timestamp-obsolete"), fn = e.getAttribute("filename");
				r.previous.add(new Previous(Long.parseLong(e.getAttribute("timestamp")),
					obs.isEmpty() ? 0 : Long.parseLong(obs), e.getAttribute("checksum"), fn.isEmpty() ? null : fn));
			}
			index.add(r);
		}
		return index;
	}

	private static List<Element> children(Element parent, String tag) {
		List<Element> out = new ArrayList<>();
		NodeList nl = parent.getChildNodes();
		for (int i = 0; i < nl.getLength(); i++) {
			Node n = nl.item(i);
			if (n instanceof Element && ((Element) n).getTagName().equals(tag)) out.add((Element) n);
		}
		return out;
	}

	// ------------------------------------------------------------------ writing

	/** The schema Fiji's updater writes into its indexes (readers do not validate; it documents the format). */
	static final String DTD = String.join("\n",
		"<!DOCTYPE pluginRecords [",
		"<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>",
		"<!ELEMENT update-site EMPTY>",
		"<!ELEMENT disabled-update-site EMPTY>",
		"<!ELEMENT plugin (platform*, category*, version?, previous-version*)>",
		"<!ELEMENT version (description?, dependency*, link*, author*)>",
		"<!ELEMENT previous-version EMPTY>",
		"<!ELEMENT description (#PCDATA)>",
		"<!ELEMENT dependency EMPTY>",
		"<!ELEMENT link (#PCDATA)>",
		"<!ELEMENT author (#PCDATA)>",
		"<!ELEMENT platform (#PCDATA)>",
		"<!ELEMENT category (#PCDATA)>",
		siteAttributes("update-site"),
		siteAttributes("disabled-update-site"),
		"<!ATTLIST plugin update-site CDATA #IMPLIED>",
		"<!ATTLIST plugin filename CDATA #REQUIRED>",
		"<!ATTLIST plugin executable CDATA #IMPLIED>",
		"<!ATTLIST dependency filename CDATA #REQUIRED>",
		"<!ATTLIST dependency timestamp CDATA #IMPLIED>",
		"<!ATTLIST dependency overrides CDATA #IMPLIED>",
		"<!ATTLIST version timestamp CDATA #REQUIRED>",
		"<!ATTLIST version checksum CDATA #REQUIRED>",
		"<!ATTLIST version filesize CDATA #REQUIRED>",
		"<!ATTLIST previous-version filename CDATA #IMPLIED>",
		"<!ATTLIST previous-version timestamp CDATA #REQUIRED>",
		"<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>",
		"<!ATTLIST previous-version checksum CDATA #REQUIRED>]>");

	private static String siteAttributes(String element) {
		StringBuilder sb = new StringBuilder();
		String[][] attrs = { { "name", "REQUIRED" }, { "url", "REQUIRED" }, { "ssh-host", "IMPLIED" },
			{ "upload-directory", "IMPLIED" }, { "description", "IMPLIED" }, { "maintainer", "IMPLIED" },
			{ "timestamp", "REQUIRED" } };
		for (String[] a : attrs) {
			if (sb.length() > 0) sb.append('\n');
			sb.append("<!ATTLIST ").append(element).append(' ').append(a[0]).append(" CDATA #").append(a[1]).append('>');
		}
		return sb.toString();
	}

	/** The remote index as XML text. */
	public String toXml() {
		StringBuilder sb = new StringBuilder();
		sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(DTD).append('\n');
		if (records.isEmpty()) return sb.append("<pluginRecords/>\n").toString();
		sb.append("<pluginRecords>\n");
		for (Record r : records.values()) {
			sb.append(indent(1)).append("<plugin");
			attr(sb, "filename", r.filename);
			if (r.executable) attr(sb, "executable", "true");
			sb.append(">\n");
			for (String p : r.platforms) simple(sb, 2, "platform", p);
			for (String c : r.categories) simple(sb, 2, "category", c);
			Version v = r.current;
			if (v != null) {
				sb.append(indent(2)).append("<version");
				attr(sb, "checksum", v.checksum);
				attr(sb, "timestamp", Long.toString(v.timestamp));
				attr(sb, "filesize", Long.toString(v.filesize));
				boolean empty = v.description == null && v.dependencies.isEmpty() && v.links.isEmpty() && v.authors.isEmpty();
				if (empty) sb.append("/>\n");
				else {
					sb.append(">\n");
					if (v.description != null) simple(sb, 3, "description", v.description);
					for (Dependency d : v.dependencies) {
						sb.append(indent(3)).append("<dependency");
						attr(sb, "filename", d.filename);
						attr(sb, "timestamp", Long.toString(d.timestamp));
						sb.append("/>\n");
					}
					for (String l : v.links) simple(sb, 3, "link", l);
					for (String a : v.authors) simple(sb, 3, "author", a);
					sb.append(indent(2)).append("</version>\n");
				}
			}
			for (Previous p : r.previous) {
				sb.append(indent(2)).append("<previous-version");
				attr(sb, "timestamp", Long.toString(p.timestamp));
				if (p.timestampObsolete != 0) attr(sb, "timestamp-obsolete", Long.toString(p.timestampObsolete));
				attr(sb, "checksum", p.checksum);
				if (p.filename != null) attr(sb, "filename", p.filename);
				sb.append("/>\n");
			}
			sb.append(indent(1)).append("</plugin>\n");
		}
		return sb.append("</pluginRecords>\n").toString();
	}

	/** {@link #toXml()} gzip-compressed; the gzip header has no time stamp, so the bytes depend on the records only. */
	public byte[] toGzip() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
			gz.write(toXml().getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static String indent(int level) {
		return "    ".repeat(level);
	}

	private static void simple(StringBuilder sb, int level, String tag, String text) {
		sb.append(indent(level)).append('<').append(tag).append('>').append(escape(text, false)).append("</")
			.append(tag).append(">\n");
	}

	private static void attr(StringBuilder sb, String name, String value) {
		sb.append(' ').append(name).append("=\"").append(escape(value, true)).append('"');
	}

	static String escape(String s, boolean attribute) {
		StringBuilder sb = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '&': sb.append("&amp;"); break;
				case '<': sb.append("&lt;"); break;
				case '>': sb.append("&gt;"); break;
				case '"': sb.append(attribute ? "&quot;" : "\""); break;
				case '\n': sb.append(attribute ? "&#10;" : "\n"); break;
				case '\r': sb.append("&#13;"); break;
				case '\t': sb.append(attribute ? "&#9;" : "\t"); break;
				default:
					if (c < 0x20) continue; // not allowed in XML 1.0
					sb.append(c);
			}
		}
		return sb.toString();
	}
}
