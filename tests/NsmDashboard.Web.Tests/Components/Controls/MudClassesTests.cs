using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components.Controls;

/// <summary>
/// Renders the real MudBlazor components and compares the classes they put on each element with the strings in
/// <see cref="MudClasses"/>, which the dashboard writes by hand: an upgrade of MudBlazor that changes its markup
/// fails here instead of quietly unstyling the app bar, the banners or the PCR table.
/// </summary>
public sealed class MudClassesTests : NsmDashboardTestContext
{
    private static readonly RenderFragment Text = builder => builder.AddContent(0, "text");

    [Fact]
    public void Icons_match_MudIcon()
    {
        AssertClasses(MudClasses.IconSmall, Root<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock).Add(x => x.Size, Size.Small)));
        AssertClasses(MudClasses.IconMedium, Root<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock)));
        AssertClasses($"{MudClasses.IconMedium} {MudClasses.PrimaryText}", Root<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock).Add(x => x.Color, Color.Primary)));
        AssertClasses($"{MudClasses.IconMedium} {MudClasses.SuccessText}", Root<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock).Add(x => x.Color, Color.Success)));
        AssertClasses($"{MudClasses.IconMedium} {MudClasses.WarningText}", Root<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock).Add(x => x.Color, Color.Warning)));
    }

    [Fact]
    public void Icon_buttons_match_MudIconButton()
    {
        var small = Root<MudIconButton>(p => p.Add(x => x.Icon, Icons.Material.Filled.Lock).Add(x => x.Size, Size.Small));
        AssertClasses(MudClasses.IconButtonSmall, small);
        AssertClasses(MudClasses.IconButtonLabel, small.Children.Single());
        AssertClasses(MudClasses.IconSmall, small.Children.Single().Children.Single());

        AssertClasses(MudClasses.IconButtonInherit, Root<MudIconButton>(p => p.Add(x => x.Icon, Icons.Material.Filled.Menu).Add(x => x.Color, Color.Inherit)));
        AssertClasses(
            $"{MudClasses.IconButtonInherit} {MudClasses.IconButtonEdgeStart}",
            Root<MudIconButton>(p => p.Add(x => x.Icon, Icons.Material.Filled.Menu).Add(x => x.Color, Color.Inherit).Add(x => x.Edge, Edge.Start)));
    }

    [Fact]
    public void Buttons_match_MudButton()
    {
        var text = Root<MudButton>(p => p.Add(x => x.StartIcon, Icons.Material.Filled.Refresh).Add(x => x.ChildContent, Text));
        AssertClasses(MudClasses.ButtonText, text);
        AssertClasses(MudClasses.ButtonLabel, text.Children.Single());
        AssertClasses(MudClasses.ButtonStartIcon, text.Children.Single().Children.Single());
        AssertClasses(MudClasses.IconMedium, text.Children.Single().Children.Single().Children.Single());

        var small = Root<MudButton>(p => p.Add(x => x.EndIcon, Icons.Material.Filled.ArrowForward).Add(x => x.Size, Size.Small).Add(x => x.ChildContent, Text));
        AssertClasses(MudClasses.ButtonTextSmall, small);
        AssertClasses(MudClasses.ButtonEndIconSmall, small.Children.Single().Children.Single());
        AssertClasses(MudClasses.IconSmall, small.Children.Single().Children.Single().Children.Single());

        var outlined = Root<MudButton>(p => p.Add(x => x.Variant, Variant.Outlined).Add(x => x.Color, Color.Primary).Add(x => x.Size, Size.Small)
            .Add(x => x.StartIcon, Icons.Material.Filled.Add).Add(x => x.ChildContent, Text));
        AssertClasses(MudClasses.ButtonOutlinedPrimarySmall, outlined);
        AssertClasses(MudClasses.ButtonStartIconSmall, outlined.Children.Single().Children.Single());

        AssertClasses(MudClasses.ButtonTextWarningSmall, Root<MudButton>(p => p.Add(x => x.Color, Color.Warning).Add(x => x.Size, Size.Small).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.ButtonOutlinedWarning, Root<MudButton>(p => p.Add(x => x.Variant, Variant.Outlined).Add(x => x.Color, Color.Warning).Add(x => x.ChildContent, Text)));
    }

    [Fact]
    public void Chips_match_MudChip()
    {
        var filled = Root<MudChip<string>>(p => p.Add(x => x.Variant, Variant.Filled).Add(x => x.Size, Size.Small).Add(x => x.Color, Color.Warning)
            .Add(x => x.Icon, Icons.Material.Filled.Science).Add(x => x.Text, "EMULATED"));
        AssertClasses(MudClasses.ChipContainer, filled);
        var chip = filled.Children.Single();
        AssertClasses(MudClasses.ChipFilledWarningSmall, chip);
        AssertClasses(MudClasses.ChipIconSmall, chip.Children[0]);
        AssertClasses(MudClasses.ChipContent, chip.Children[1]);

        AssertClasses(MudClasses.ChipFilledSuccessSmall, Chip(Variant.Filled, Color.Success));
        AssertClasses(MudClasses.ChipOutlinedSmall, Chip(Variant.Outlined, Color.Default));
        AssertClasses(MudClasses.ChipTextSuccessSmall, Chip(Variant.Text, Color.Success));
    }

    [Theory]
    [InlineData(Severity.Info, MudClasses.AlertInfo)]
    [InlineData(Severity.Warning, MudClasses.AlertWarning)]
    [InlineData(Severity.Error, MudClasses.AlertError)]
    public void Banners_match_MudAlert(Severity severity, string expected)
    {
        var alert = Root<MudAlert>(p => p.Add(x => x.Variant, Variant.Filled).Add(x => x.Severity, severity).Add(x => x.Dense, true)
            .Add(x => x.Square, true).Add(x => x.Elevation, 0).Add(x => x.ChildContent, Text));
        AssertClasses(expected, alert);
        var position = alert.Children.Single();
        AssertClasses(MudClasses.AlertPosition, position);
        AssertClasses(MudClasses.AlertIcon, position.Children[0]);
        AssertClasses(MudClasses.IconMedium, position.Children[0].Children.Single());
        AssertClasses(MudClasses.AlertMessage, position.Children[1]);
    }

    [Fact]
    public void Papers_texts_and_grids_match_MudPaper_MudText_MudGrid_and_MudItem()
    {
        AssertClasses(MudClasses.PaperOutlined, Root<MudPaper>(p => p.Add(x => x.Outlined, true).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.TextH4, Root<MudText>(p => p.Add(x => x.Typo, Typo.h4).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.TextH6, Root<MudText>(p => p.Add(x => x.Typo, Typo.h6).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.TextBody2, Root<MudText>(p => p.Add(x => x.Typo, Typo.body2).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.TextCaption, Root<MudText>(p => p.Add(x => x.Typo, Typo.caption).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.TextOverline, Root<MudText>(p => p.Add(x => x.Typo, Typo.overline).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.Grid, Root<MudGrid>(p => p.Add(x => x.Spacing, 3).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.ItemFull, Root<MudItem>(p => p.Add(x => x.xs, 12).Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.ItemHalf, Root<MudItem>(p => p.Add(x => x.xs, 12).Add(x => x.md, 6).Add(x => x.ChildContent, Text)));
    }

    [Fact]
    public void The_frame_matches_MudAppBar_MudMainContent_and_MudContainer()
    {
        var appBar = Root<MudAppBar>(p => p.Add(x => x.Elevation, 0).Add(x => x.ChildContent, Text));
        AssertClasses(MudClasses.AppBar, appBar);
        AssertClasses(MudClasses.AppBarToolbar, appBar.Children.Single());
        AssertClasses(MudClasses.MainContent, Root<MudMainContent>(p => p.Add(x => x.ChildContent, Text)));
        AssertClasses(MudClasses.Container, Root<MudContainer>(p => p.Add(x => x.MaxWidth, MaxWidth.ExtraLarge).Add(x => x.Gutters, false).Add(x => x.ChildContent, Text)));
    }

    [Fact]
    public void The_navigation_matches_MudNavMenu_and_MudNavLink()
    {
        AssertClasses(MudClasses.NavMenu, Root<MudNavMenu>(p => p.Add(x => x.Color, Color.Primary).Add(x => x.Bordered, true).Add(x => x.ChildContent, Text)));
        var item = Root<MudNavLink>(p => p.Add(x => x.Href, "pcrs").Add(x => x.Icon, Icons.Material.Outlined.Fingerprint).Add(x => x.ChildContent, Text));
        AssertClasses(MudClasses.NavItem, item);
        var link = item.Children.Single();
        AssertClasses(MudClasses.NavLink, link);
        AssertClasses(MudClasses.NavLinkIcon, link.Children[0]);
        AssertClasses(MudClasses.NavLinkText, link.Children[1]);
    }

    [Fact]
    public void The_PCR_table_matches_MudTable()
    {
        var table = Root<MudTable<int>>(p => p.Add(x => x.Items, [1]).Add(x => x.Dense, true).Add(x => x.Hover, true).Add(x => x.Elevation, 0).Add(x => x.Breakpoint, Breakpoint.Sm)
            .Add(x => x.HeaderContent!, header => { header.OpenComponent<MudTh>(0); header.CloseComponent(); })
            .Add(x => x.RowTemplate!, _ => row => { row.OpenComponent<MudTd>(0); row.CloseComponent(); }));
        AssertClasses(MudClasses.Table, table);
        AssertClasses(MudClasses.TableContainer, table.QuerySelector("div")!);
        AssertClasses(MudClasses.TableRoot, table.QuerySelector("table")!);
        AssertClasses(MudClasses.TableHead, table.QuerySelector("thead")!);
        AssertClasses(MudClasses.TableBody, table.QuerySelector("tbody")!);
        Assert.All(table.QuerySelectorAll("tr"), row => AssertClasses(MudClasses.TableRow, row));
        Assert.All(table.QuerySelectorAll("th, td"), cell => AssertClasses(MudClasses.TableCell, cell));
    }

    // The same classes in any order: MudBlazor's class builder does not promise one, and CSS does not care.
    private static void AssertClasses(string expected, IElement element) =>
        Assert.Equal(
            expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            element.ClassList.Order(StringComparer.Ordinal));

    private IElement Root<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent =>
        Render(parameters).Nodes.OfType<IElement>().Single();

    private IElement Chip(Variant variant, Color color) =>
        Root<MudChip<string>>(p => p.Add(x => x.Variant, variant).Add(x => x.Size, Size.Small).Add(x => x.Color, color).Add(x => x.Text, "text"))
            .Children.Single();
}
