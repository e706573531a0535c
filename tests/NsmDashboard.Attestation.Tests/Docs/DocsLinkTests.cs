using System.Text.RegularExpressions;

namespace NsmDashboard.Attestation.Tests.Docs;

/// <summary>
/// Citations anywhere in the repository point at things a reader can open: every <c>docs/FILE.md#anchor</c> in code,
/// tests, scripts, the Dockerfile and the README resolves, every link between the docs resolves, and nothing cites the
/// team's private notes or its issue numbers (docs/README.md, "Conventions").
/// </summary>
public sealed partial class DocsLinkTests
{
    private static readonly string[] Scanned = ["src", "tests", "docs"];
    private static readonly string[] RootFiles = ["README.md", "Dockerfile"];
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".razor", ".csproj", ".props", ".sh", ".py", ".txt", ".md", ".css", ".js", ".json", ".yml", ".yaml",
    };

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", "TestResults" };

    [Fact]
    public void Every_docs_reference_in_the_repository_resolves()
    {
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (file, text) in RepositoryTexts())
        {
            foreach (Match reference in DocsReference().Matches(text))
            {
                var path = reference.Groups["file"].Value;
                var anchors = reference.Groups["anchor"].Captures.Select(c => c.Value).ToList();
                anchors.AddRange(reference.Groups["more"].Captures.Select(c => c.Value));
                foreach (var target in anchors.Count == 0 ? [path] : anchors.Select(a => $"{path}#{a}"))
                {
                    checkedCount++;
                    if (RepositoryDocs.Problem(target) is { } problem)
                    {
                        problems.Add($"{Relative(file)}: {problem}");
                    }
                }
            }
        }

        Assert.True(checkedCount > 100, $"only {checkedCount} docs references were found; is the scan looking at the checkout?");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_link_between_the_docs_resolves()
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryDocs.Root, "docs"), "*.md"))
        {
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["file"].Value.Length == 0 ? Path.GetFileName(file) : link.Groups["file"].Value;
                var reference = "docs/" + target + (link.Groups["anchor"].Success ? "#" + link.Groups["anchor"].Value : string.Empty);
                if (RepositoryDocs.Problem(reference) is { } problem)
                {
                    problems.Add($"{Relative(file)}: {problem}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Nothing_cites_private_notes_or_issue_numbers()
    {
        var offenders = RepositoryTexts()
            .SelectMany(f => PrivateCitation().Matches(f.Text).Select(m => $"{Relative(f.File)}: \"{m.Value}\""))
            .ToList();

        Assert.True(offenders.Count == 0, "Cite docs/ or a public source instead:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    private static IEnumerable<(string File, string Text)> RepositoryTexts()
    {
        foreach (var name in RootFiles)
        {
            var path = Path.Combine(RepositoryDocs.Root, name);
            yield return (path, File.ReadAllText(path));
        }

        foreach (var directory in Scanned)
        {
            foreach (var path in Files(Path.Combine(RepositoryDocs.Root, directory)))
            {
                yield return (path, File.ReadAllText(path));
            }
        }
    }

    private static IEnumerable<string> Files(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (Extensions.Contains(Path.GetExtension(file)))
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            if (!SkippedDirectories.Contains(Path.GetFileName(child)))
            {
                foreach (var file in Files(child))
                {
                    yield return file;
                }
            }
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryDocs.Root, path).Replace('\\', '/');

    // docs/FILE.md, optionally #anchor, optionally followed by more anchors of the same file (", #b", " and #b", " to #b").
    [GeneratedRegex(@"(?<![\w/.-])(?<file>docs/[a-z0-9-]+\.md)(?:#(?<anchor>[a-z0-9-]+))?(?:(?:,\s*| and | to )#(?<more>[a-z0-9-]+))*")]
    private static partial Regex DocsReference();

    // A Markdown link to another file of docs/ (or to a section of the same file): ](file.md#anchor), ](#anchor).
    [GeneratedRegex(@"\]\((?<file>[a-z0-9-]+\.md)?(?:#(?<anchor>[a-z0-9-]+))?\)")]
    private static partial Regex RelativeLink();

    // The team's notes live outside the repository, and its issue numbers mean nothing to a reader.
    [GeneratedRegex(@"\b(?:nsm-protocol|design|peers|aesthetics)\.md\b|\.\./shared\b|\bshared/(?:vectors|rig)\b|\b[Ii]ssue [0-9]+")]
    private static partial Regex PrivateCitation();
}
