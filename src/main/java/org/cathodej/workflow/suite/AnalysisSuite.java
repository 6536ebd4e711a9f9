package org.cathodej.workflow.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cathodej.commands.ChordLengthCommand;
import org.cathodej.commands.ConnectivityCommand;
import org.cathodej.commands.LabelAnalysisCommand;
import org.cathodej.commands.PhaseFractionsCommand;
import org.cathodej.commands.PoresCommand;
import org.cathodej.commands.SurfaceAreasCommand;
import org.cathodej.commands.TortuosityFluxCommand;
import org.cathodej.commands.TortuosityRandomWalkCommand;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ImageSource;
import org.cathodej.run.ParameterSpec;
import org.cathodej.run.ResultFiles;
import org.cathodej.task.Progress;

import ij.ImagePlus;

/**
 * The full analysis of one label image: the commands of {@link #ANALYSES}, in that order, with one set of options of
 * which each command gets the keys it has. Used by {@code cathodej analyse}, the sample series and the report. The
 * list, not the menu placement, defines the analysis: a new analysis joins it here (its plugins.config line gives
 * its label and parameters through {@link CommandCatalog}).
 */
public final class AnalysisSuite {

	/** The analyses of a label image, in the order they run and are reported. */
	public static final List<Class<? extends LabelAnalysisCommand>> ANALYSES = Collections.unmodifiableList(Arrays.asList(
		PhaseFractionsCommand.class, TortuosityFluxCommand.class, TortuosityRandomWalkCommand.class, ConnectivityCommand.class,
		SurfaceAreasCommand.class, ChordLengthCommand.class, PoresCommand.class));

	private final List<CommandCatalog.Entry> analyses = new ArrayList<>();

	public AnalysisSuite(CommandCatalog catalog) {
		for (Class<? extends LabelAnalysisCommand> type : ANALYSES) {
			CommandCatalog.Entry found = null;
			for (CommandCatalog.Entry e : catalog.entries())
				if (e.spec().type() == type) found = e;
			if (found == null) throw new IllegalStateException(type.getName() + " (an analysis of the suite) has no plugins.config line");
			analyses.add(found);
		}
	}

	/** The analyses, in the order of {@link #ANALYSES}. */
	public List<CommandCatalog.Entry> entries() {
		return Collections.unmodifiableList(analyses);
	}

	/** The non-image parameter names of all analyses (without output_dir and overwrite). */
	public Set<String> parameterNames() {
		Set<String> valid = new LinkedHashSet<>();
		for (CommandCatalog.Entry e : analyses)
			for (ParameterSpec p : e.spec().inputs())
				if (p.kind() != ParameterSpec.Kind.IMAGE) valid.add(p.name());
		return valid;
	}

	/** Rejects a key that no analysis has, listing the valid ones ({@code what} names the caller, e.g. "analyse"). */
	public void checkKeys(Collection<String> keys, String what) {
		for (String key : keys) {
			boolean known = false;
			for (CommandCatalog.Entry e : analyses) known |= e.spec().input(key) != null;
			if (!known)
				throw new IllegalArgumentException("unknown parameter '" + key + "' for " + what + ". Valid parameters: "
					+ String.join(", ", parameterNames()) + ".");
		}
	}

	/**
	 * Checks every key and every value against every analysis that has the key (bounds, choices, types), so that
	 * a multi-step run refuses a bad option before its first step writes anything.
	 */
	public void checkOptions(Map<String, String> options, String what) {
		checkKeys(options.keySet(), what);
		for (Map.Entry<String, String> o : options.entrySet())
			for (CommandCatalog.Entry e : analyses) {
				ParameterSpec p = e.spec().input(o.getKey());
				if (p != null && p.kind() != ParameterSpec.Kind.IMAGE) p.parse(o.getValue(), e.spec().label());
			}
	}

	/** The options that {@code spec} has, out of the common ones. */
	public static Map<String, String> optionsFor(CommandSpec spec, Map<String, String> common) {
		Map<String, String> own = new LinkedHashMap<>();
		for (Map.Entry<String, String> o : common.entrySet())
			if (spec.input(o.getKey()) != null) own.put(o.getKey(), o.getValue());
		return own;
	}

	/** The table outputs of a command as files in {@code dir}. */
	public static List<Path> tableFiles(CommandSpec spec, Path dir) {
		List<Path> files = new ArrayList<>();
		for (ParameterSpec o : spec.outputs())
			if (CommandSpec.isTable(o.type())) files.add(dir.resolve(spec.outputFileName(o)));
		return files;
	}

	/**
	 * True when {@code dir} already holds this command's results: its first table output with its JSON sidecar (a
	 * command writes its sidecars last, so a run that failed half way is not taken as stored).
	 */
	public static boolean isStored(CommandSpec spec, Path dir) {
		List<Path> t = tableFiles(spec, dir);
		if (t.isEmpty()) return false;
		return Files.isRegularFile(t.get(0)) && Files.isRegularFile(ResultFiles.sidecar(t.get(0)));
	}

	/** The analyses whose results are not yet in {@code dir}. */
	public List<CommandCatalog.Entry> missing(Path dir) {
		List<CommandCatalog.Entry> m = new ArrayList<>();
		for (CommandCatalog.Entry e : analyses)
			if (!isStored(e.spec(), dir)) m.add(e);
		return m;
	}

	/**
	 * Runs {@code which} (a subset of {@link #entries()}) on {@code labels}, saving into {@code dir}. {@code common}
	 * holds the options (label values, ...); output_dir and overwrite are set here.
	 */
	public List<CommandResult> run(List<CommandCatalog.Entry> which, ImagePlus labels, Map<String, String> common, Path dir,
		boolean overwrite, CommandRunner runner, Progress progress) {
		checkKeys(common.keySet(), "the analysis");
		List<CommandResult> results = new ArrayList<>();
		for (int i = 0; i < which.size(); i++) {
			progress.checkCancelled();
			CommandSpec spec = which.get(i).spec();
			Map<String, String> own = optionsFor(spec, common);
			own.put("output_dir", dir.toString());
			if (overwrite) own.put("overwrite", "true");
			else own.remove("overwrite");
			results.add(runner.run(spec, own, ImageSource.of(labels), progress.range(i / (double) which.size(), (i + 1) / (double) which.size())));
		}
		return results;
	}
}
