package org.cathodej.run;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.imagej.Checksums;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.results.Table;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleService;

import ij.ImagePlus;

/**
 * Runs a CathodeJ command from macro-style options: the one path shared by the Fiji menu, macros, scripts and the
 * command line. Checks every key and value against the command's {@code @Parameter}s before anything runs, runs
 * the command as a SciJava module in the given context, and saves its outputs with provenance when
 * {@code output_dir} is set. UI-free: showing results is the caller's business.
 */
public final class CommandRunner {

	private final Context context;

	public CommandRunner(Context context) {
		this.context = context;
	}

	/**
	 * @param options macro keys to values (from {@link MacroOptions#parse}); absent booleans are false (the ImageJ
	 *          convention, so recorded macros replay), absent other values take the command's defaults
	 */
	public CommandResult run(CommandSpec spec, Map<String, String> options, ImageSource images, Progress progress) {
		checkKeys(spec, options);
		RunnableCommand defaults = spec.newInstance();
		Map<String, Object> values = new LinkedHashMap<>();
		CommandResult result = new CommandResult(spec);
		Map<String, String> recorded = new LinkedHashMap<>();
		boolean firstImage = true;
		for (ParameterSpec p : spec.inputs()) {
			String given = options.get(p.name());
			Object v;
			if (p.kind() == ParameterSpec.Kind.IMAGE) {
				if (given != null && !given.isEmpty()) {
					v = images == null ? null : images.byName(given);
					if (v == null) throw new IllegalArgumentException(spec.label() + ": no image '" + given + "' is open (parameter '" + p.name() + "').");
				} else {
					v = firstImage && images != null ? images.current() : null;
				}
				if (v == null && p.isRequired())
					throw new IllegalArgumentException(spec.label() + " needs an image ('" + p.name() + "'): open one"
						+ (firstImage ? " or select it" : "") + " and give " + p.name() + "=[title].");
				if (v != null) {
					ImagePlus imp = (ImagePlus) v;
					if (given != null || !firstImage) recorded.put(p.name(), imp.getTitle());
					result.parameters.put(p.name(), imp.getTitle());
					result.inputs.put(p.name(), describe(imp));
				} else {
					result.parameters.put(p.name(), ""); // provenance lists every parameter: "" = no image given
				}
				firstImage = false;
			} else if (given != null) {
				v = p.parse(given, spec.label());
			} else if (p.kind() == ParameterSpec.Kind.BOOLEAN) {
				v = false;
			} else {
				v = p.get(defaults);
			}
			if (p.kind() != ParameterSpec.Kind.IMAGE) {
				String text = ParameterSpec.format(v);
				if (p.kind() == ParameterSpec.Kind.BOOLEAN) {
					if (Boolean.TRUE.equals(v)) recorded.put(p.name(), "true");
				} else recorded.put(p.name(), text);
				result.parameters.put(p.name(), text);
			}
			values.put(p.name(), v);
		}
		result.macroLine = MacroOptions.macroLine(spec.label(), recorded);

		String outDir = (String) values.get("output_dir");
		boolean overwrite = Boolean.TRUE.equals(values.get("overwrite"));
		ResultFiles files = outDir == null || outDir.trim().isEmpty() ? null : new ResultFiles(spec, Paths.get(outDir.trim()), overwrite);
		checkFiles(spec, values);
		if (files != null) files.checkWritable();
		try {
			return run(spec, values, result, files, progress);
		} catch (RuntimeException | Error e) {
			if (files != null) files.discard(result);
			throw e;
		}
	}

	private CommandResult run(CommandSpec spec, Map<String, Object> values, CommandResult result, ResultFiles files, Progress progress) {
		CommandModule module = createModule(spec);
		RunnableCommand command = (RunnableCommand) module.getCommand();
		command.setProgress(progress);
		for (Map.Entry<String, Object> e : values.entrySet()) {
			module.setInput(e.getKey(), e.getValue());
			module.resolveInput(e.getKey());
		}
		module.run();
		for (ParameterSpec p : spec.outputs()) {
			Object v = module.getOutput(p.name());
			if (v instanceof Table) { // the one conversion: files are written from the Table, everything else sees ImageJ's table
				result.tables.put(p.name(), (Table) v);
				result.notes.addAll(((Table) v).notes());
				v = ResultsTables.toResultsTable((Table) v);
			}
			result.outputs.put(p.name(), v);
		}
		result.notes.addAll(command.notes());
		result.conventions.putAll(command.conventions());
		addCommonConventions(command, values, result);
		if (files != null) files.save(result);
		return result;
	}

	private CommandModule createModule(CommandSpec spec) {
		CommandInfo info = new CommandInfo(spec.type());
		if (context != null) {
			ModuleService ms = context.service(ModuleService.class);
			return (CommandModule) ms.createModule(info);
		}
		try {
			return new CommandModule(info);
		} catch (org.scijava.module.ModuleException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The conventions every result on an image states even when its command did not record them: the command's
	 * standing conventions (the label values of a label analysis), the axes and the length unit of the (first) input image.
	 */
	private static void addCommonConventions(RunnableCommand command, Map<String, Object> values, CommandResult result) {
		for (Map.Entry<String, Object> c : command.standingConventions().entrySet())
			result.conventions.putIfAbsent(c.getKey(), c.getValue());
		for (Object v : values.values())
			if (v instanceof ImagePlus) {
				VoxelSize vs = Volumes.voxelSize((ImagePlus) v);
				result.conventions.putIfAbsent("axes", "x = image width, y = image height, z = slice");
				result.conventions.putIfAbsent("length_unit", vs.isCalibrated() ? vs.unit() + " (the image calibration)"
					: "voxels (the image has no spatial calibration)");
				break;
			}
	}

	/**
	 * Before anything runs: files to read ({@code style = "file"}) must exist (else exit code 3 on the command line);
	 * files a command writes itself ({@code style = "save"}) must be writable (else exit code 3).
	 */
	private static void checkFiles(CommandSpec spec, Map<String, Object> values) {
		for (ParameterSpec p : spec.inputs()) {
			Object v = values.get(p.name());
			if (!(v instanceof String) || ((String) v).trim().isEmpty()) continue;
			String where = "'" + p.name() + "' of " + spec.label();
			if (p.style().equals("file")) OutputPaths.requireInputFile(Paths.get(((String) v).trim()), where);
			else if (p.style().equals("save")) OutputPaths.checkSaveTarget(Paths.get(((String) v).trim()), where);
		}
	}

	/** Rejects misspelt keys with the list of valid ones. */
	static void checkKeys(CommandSpec spec, Map<String, String> options) {
		List<String> valid = new ArrayList<>();
		for (ParameterSpec p : spec.inputs()) valid.add(p.name());
		for (String k : options.keySet())
			if (!valid.contains(k))
				throw new IllegalArgumentException("Unknown parameter '" + k + "' for " + spec.label() + ". Valid parameters: "
					+ String.join(", ", valid) + ".");
	}

	/** Title, size, type, calibration and checksum of an input image, for provenance. */
	public static Map<String, Object> describe(ImagePlus imp) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("title", imp.getTitle());
		String dir = imp.getOriginalFileInfo() != null ? imp.getOriginalFileInfo().directory : null;
		if (dir != null) m.put("file", Paths.get(dir, imp.getOriginalFileInfo().fileName).toString());
		m.put("width", imp.getWidth());
		m.put("height", imp.getHeight());
		m.put("slices", imp.getStackSize());
		m.put("bit_depth", imp.getBitDepth());
		VoxelSize vs = Volumes.voxelSize(imp);
		Map<String, Object> cal = new LinkedHashMap<>();
		cal.put("voxel_width", vs.x());
		cal.put("voxel_height", vs.y());
		cal.put("voxel_depth", vs.z());
		cal.put("unit", vs.unit());
		cal.put("calibrated", vs.isCalibrated());
		m.put("calibration", cal);
		m.put("checksum", Checksums.pixels(imp));
		return m;
	}

	static Path path(String s) {
		return Paths.get(s);
	}
}
