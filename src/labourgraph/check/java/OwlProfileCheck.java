import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyIRIMapper;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/**
 * Loads an ontology file the way Protégé does (the OWL API) and runs the OWL 2 DL profile check.
 *
 * <p>Usage: {@code java OwlProfileCheck FILE [IMPORT_IRI=LOCAL_FILE ...]}. Each IMPORT_IRI is
 * mapped to a local file so that {@code owl:imports} never reach the network; an import that is
 * not mapped is a failure (silent missing imports are what Protégé warns about). The caller
 * ({@code labourgraph.check.ontology.owlapi_load}) passes the mappings of the Protégé catalog
 * beside FILE and of no other catalog, which is how Protégé resolves the imports of a file. Prints one line
 * per problem, prefixed by its kind, then a summary line; exits 0 when there is no problem, 1
 * when there are violations, 2 when the file cannot be loaded.
 */
public final class OwlProfileCheck {
    private OwlProfileCheck() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: OwlProfileCheck FILE [IMPORT_IRI=LOCAL_FILE ...]");
            System.exit(2);
        }
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        Map<IRI, IRI> mapped = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0) {
                System.err.println("bad mapping (expected IRI=FILE): " + args[i]);
                System.exit(2);
            }
            IRI from = IRI.create(args[i].substring(0, eq));
            mapped.put(from, IRI.create(new File(args[i].substring(eq + 1)).getAbsoluteFile()));
        }
        // One mapper for every import: a mapped IRI goes to its local file, any other IRI to a
        // file that does not exist, so it is reported as missing. Clearing the mappers is not
        // enough: with no mapper answering, the OWL API fetches the import IRI from the web.
        IRI nowhere = IRI.create(new File("/nonexistent/labourgraph-unmapped-import.owl"));
        manager.getIRIMappers().clear();
        manager.getIRIMappers().add((OWLOntologyIRIMapper) iri -> mapped.getOrDefault(iri, nowhere));
        List<String> missing = new ArrayList<>();
        manager.addMissingImportListener(e -> missing.add("MissingImport: " + e.getImportedOntologyURI()));
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
                .setStrict(false);
        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(new File(args[0])), config);
        } catch (Exception e) {
            System.err.println("cannot load " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Set<String> lines = new TreeSet<>(missing);
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            lines.add(v.getClass().getSimpleName() + ": " + v.toString().replace('\n', ' '));
        }
        int axioms = ontology.getAxiomCount(Imports.INCLUDED);
        int annotatedAxioms = 0;
        for (OWLAxiom ax : ontology.getAxioms(Imports.INCLUDED)) {
            if (!ax.getAnnotations().isEmpty()) {
                annotatedAxioms++;
            }
        }
        for (String line : lines) {
            System.out.println(line);
        }
        System.out.println("# axioms=" + axioms + " annotated_axioms=" + annotatedAxioms
                + " imports=" + ontology.getImportsClosure().size() + " problems=" + lines.size());
        System.exit(lines.isEmpty() ? 0 : 1);
    }
}
