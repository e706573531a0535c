namespace NsmDashboard.Web.Security.Authentication;

/// <summary>What the login form posts.</summary>
public sealed class LoginInput
{
    /// <summary>The user name.</summary>
    public string? Name { get; set; }

    /// <summary>The password.</summary>
    public string? Password { get; set; }

    /// <summary>The one-time token, instead of name and password (API tokens do not sign a browser in).</summary>
    public string? Token { get; set; }
}
