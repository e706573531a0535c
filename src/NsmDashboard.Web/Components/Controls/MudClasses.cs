namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// MudBlazor's CSS classes, for the chrome the dashboard writes as plain markup instead of MudBlazor components: the
/// app bar, the navigation, the banners, the PCR table, the Overview's cards, the hex value buttons. A markup string
/// built once is shared by every circuit, while a component tree is kept by each circuit for as long as its page is
/// open (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit"); the classes make it look as MudBlazor's own.
/// </summary>
/// <remarks>
/// Each constant is exactly the class list that the MudBlazor component named in its summary renders with the
/// parameters given there. <c>MudClassesTests</c> renders those components and fails when MudBlazor's output
/// drifts from these strings; the dashboard's own classes are added beside them where they are used.
/// </remarks>
internal static class MudClasses
{
    /// <summary><c>MudIcon</c>, <c>Size.Small</c>.</summary>
    public const string IconSmall = "mud-icon-root mud-svg-icon mud-icon-size-small";

    /// <summary><c>MudIcon</c> (medium, the default size).</summary>
    public const string IconMedium = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    /// <summary>What <c>Color.Primary</c> adds to a <c>MudIcon</c>.</summary>
    public const string PrimaryText = "mud-primary-text";

    /// <summary>What <c>Color.Success</c> adds to a <c>MudIcon</c>.</summary>
    public const string SuccessText = "mud-success-text";

    /// <summary>What <c>Color.Warning</c> adds to a <c>MudIcon</c>.</summary>
    public const string WarningText = "mud-warning-text";

    /// <summary><c>MudIconButton</c>, <c>Size.Small</c>.</summary>
    public const string IconButtonSmall = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    /// <summary><c>MudIconButton</c>, <c>Color.Inherit</c> (the app bar's buttons).</summary>
    public const string IconButtonInherit = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary>What <c>Edge.Start</c> adds to a <c>MudIconButton</c>.</summary>
    public const string IconButtonEdgeStart = "mud-icon-button-edge-start";

    /// <summary>The span around a <c>MudIconButton</c>'s icon.</summary>
    public const string IconButtonLabel = "mud-icon-button-label";

    /// <summary><c>MudButton</c> (text, default color, medium).</summary>
    public const string ButtonText = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple";

    /// <summary><c>MudButton</c>, <c>Size.Small</c> (text, default color).</summary>
    public const string ButtonTextSmall = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";

    /// <summary><c>MudButton</c>, <c>Color.Warning</c>, <c>Size.Small</c> (text).</summary>
    public const string ButtonTextWarningSmall = "mud-button-root mud-button mud-button-text mud-button-text-warning mud-button-text-size-small mud-ripple";

    /// <summary><c>MudButton</c>, <c>Variant.Outlined</c>, <c>Color.Primary</c>, <c>Size.Small</c>.</summary>
    public const string ButtonOutlinedPrimarySmall = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";

    /// <summary><c>MudButton</c>, <c>Variant.Outlined</c>, <c>Color.Warning</c> (medium).</summary>
    public const string ButtonOutlinedWarning = "mud-button-root mud-button mud-button-outlined mud-button-outlined-warning mud-button-outlined-size-medium mud-ripple";

    /// <summary>The span around a <c>MudButton</c>'s content.</summary>
    public const string ButtonLabel = "mud-button-label";

    /// <summary>The span around a medium <c>MudButton</c>'s <c>StartIcon</c>.</summary>
    public const string ButtonStartIcon = "mud-button-icon-start mud-button-icon-size-medium";

    /// <summary>The span around a small <c>MudButton</c>'s <c>StartIcon</c>.</summary>
    public const string ButtonStartIconSmall = "mud-button-icon-start mud-button-icon-size-small";

    /// <summary>The span around a small <c>MudButton</c>'s <c>EndIcon</c>.</summary>
    public const string ButtonEndIconSmall = "mud-button-icon-end mud-button-icon-size-small";

    /// <summary>The element around a <c>MudChip</c>.</summary>
    public const string ChipContainer = "mud-chip-container";

    /// <summary><c>MudChip</c>, <c>Variant.Filled</c>, <c>Size.Small</c>, <c>Color.Success</c>.</summary>
    public const string ChipFilledSuccessSmall = "mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-success";

    /// <summary><c>MudChip</c>, <c>Variant.Filled</c>, <c>Size.Small</c>, <c>Color.Warning</c>.</summary>
    public const string ChipFilledWarningSmall = "mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-warning";

    /// <summary><c>MudChip</c>, <c>Variant.Outlined</c>, <c>Size.Small</c> (default color).</summary>
    public const string ChipOutlinedSmall = "mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-default";

    /// <summary><c>MudChip</c>, <c>Variant.Text</c>, <c>Size.Small</c>, <c>Color.Success</c>.</summary>
    public const string ChipTextSuccessSmall = "mud-chip mud-chip-text mud-chip-size-small mud-chip-color-success";

    /// <summary>A small <c>MudChip</c>'s <c>Icon</c>.</summary>
    public const string ChipIconSmall = "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon";

    /// <summary>The span around a <c>MudChip</c>'s text.</summary>
    public const string ChipContent = "mud-chip-content";

    /// <summary><c>MudAlert</c>, <c>Variant.Filled</c>, <c>Severity.Info</c>, <c>Dense</c>, <c>Square</c>, <c>Elevation=0</c>.</summary>
    public const string AlertInfo = "mud-alert mud-alert-filled-info mud-dense mud-square mud-elevation-0";

    /// <summary><c>MudAlert</c>, <c>Variant.Filled</c>, <c>Severity.Warning</c>, <c>Dense</c>, <c>Square</c>, <c>Elevation=0</c>.</summary>
    public const string AlertWarning = "mud-alert mud-alert-filled-warning mud-dense mud-square mud-elevation-0";

    /// <summary><c>MudAlert</c>, <c>Variant.Filled</c>, <c>Severity.Error</c>, <c>Dense</c>, <c>Square</c>, <c>Elevation=0</c>.</summary>
    public const string AlertError = "mud-alert mud-alert-filled-error mud-dense mud-square mud-elevation-0";

    /// <summary>The element inside a <c>MudAlert</c> that lays out icon and message.</summary>
    public const string AlertPosition = "mud-alert-position justify-start";

    /// <summary>The element around a <c>MudAlert</c>'s icon.</summary>
    public const string AlertIcon = "mud-alert-icon mud-alert-icon-left";

    /// <summary>The element around a <c>MudAlert</c>'s message.</summary>
    public const string AlertMessage = "mud-alert-message";

    /// <summary><c>MudPaper</c>, <c>Outlined</c>.</summary>
    public const string PaperOutlined = "mud-paper mud-paper-outlined";

    /// <summary><c>MudText</c>, <c>Typo.h4</c>.</summary>
    public const string TextH4 = "mud-typography mud-typography-h4";

    /// <summary><c>MudText</c>, <c>Typo.h6</c>.</summary>
    public const string TextH6 = "mud-typography mud-typography-h6";

    /// <summary><c>MudText</c>, <c>Typo.body2</c>.</summary>
    public const string TextBody2 = "mud-typography mud-typography-body2";

    /// <summary><c>MudText</c>, <c>Typo.caption</c>.</summary>
    public const string TextCaption = "mud-typography mud-typography-caption";

    /// <summary><c>MudText</c>, <c>Typo.overline</c>.</summary>
    public const string TextOverline = "mud-typography mud-typography-overline";

    /// <summary><c>MudGrid</c>, <c>Spacing=3</c>.</summary>
    public const string Grid = "mud-grid mud-grid-spacing-xs-3 justify-start";

    /// <summary><c>MudItem</c>, <c>xs=12</c>.</summary>
    public const string ItemFull = "mud-grid-item mud-grid-item-xs-12";

    /// <summary><c>MudItem</c>, <c>xs=12</c>, <c>md=6</c>.</summary>
    public const string ItemHalf = "mud-grid-item mud-grid-item-xs-12 mud-grid-item-md-6";

    /// <summary><c>MudAppBar</c>, <c>Elevation=0</c>.</summary>
    public const string AppBar = "mud-appbar mud-appbar-fixed-top mud-elevation-0";

    /// <summary>The toolbar inside a <c>MudAppBar</c>.</summary>
    public const string AppBarToolbar = "mud-toolbar mud-toolbar-gutters mud-toolbar-appbar";

    /// <summary><c>MudMainContent</c>.</summary>
    public const string MainContent = "mud-main-content";

    /// <summary><c>MudContainer</c>, <c>MaxWidth.ExtraLarge</c>, <c>Gutters=false</c> (the page's own padding applies).</summary>
    public const string Container = "mud-container mud-container-maxwidth-xl";

    /// <summary><c>MudNavMenu</c>, <c>Color.Primary</c>, <c>Bordered</c>.</summary>
    public const string NavMenu = "mud-navmenu mud-navmenu-primary mud-navmenu-margin-none mud-navmenu-bordered mud-border-primary";

    /// <summary>The element around a <c>MudNavLink</c>.</summary>
    public const string NavItem = "mud-nav-item";

    /// <summary>A <c>MudNavLink</c>'s anchor (MudBlazor adds <c>active</c> to the current page's).</summary>
    public const string NavLink = "mud-nav-link mud-ripple";

    /// <summary>A <c>MudNavLink</c>'s <c>Icon</c>.</summary>
    public const string NavLinkIcon = "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default";

    /// <summary>The element around a <c>MudNavLink</c>'s text.</summary>
    public const string NavLinkText = "mud-nav-link-text";

    /// <summary><c>MudTable</c>, <c>Dense</c>, <c>Hover</c>, <c>Elevation=0</c>, <c>Breakpoint.Sm</c> (rows become cards below it).</summary>
    public const string Table = "mud-table mud-sm-table mud-table-dense mud-table-hover mud-elevation-0";

    /// <summary>The element around a <c>MudTable</c>'s table.</summary>
    public const string TableContainer = "mud-table-container";

    /// <summary>A <c>MudTable</c>'s <c>table</c>.</summary>
    public const string TableRoot = "mud-table-root";

    /// <summary>A dense <c>MudTable</c>'s <c>thead</c>.</summary>
    public const string TableHead = "mud-table-head mud-table-dense";

    /// <summary>A <c>MudTable</c>'s <c>tbody</c>.</summary>
    public const string TableBody = "mud-table-body";

    /// <summary>A <c>MudTable</c>'s row (<c>tr</c>).</summary>
    public const string TableRow = "mud-table-row";

    /// <summary><c>MudTh</c> and <c>MudTd</c>.</summary>
    public const string TableCell = "mud-table-cell";
}
