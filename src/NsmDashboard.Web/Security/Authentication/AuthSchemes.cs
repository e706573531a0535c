namespace NsmDashboard.Web.Security.Authentication;

/// <summary>The authentication schemes: a browser cookie, API bearer tokens, and the read-only visitor.</summary>
public static class AuthSchemes
{
    /// <summary>The default: picks <see cref="Bearer"/> for an <c>Authorization: Bearer</c> header, else the cookie (or the read-only visitor).</summary>
    public const string Default = "NsmDashboard";

    /// <summary>The browser session set by the login page.</summary>
    public const string Cookie = "NsmCookie";

    /// <summary>API tokens in <c>Authorization: Bearer …</c>.</summary>
    public const string Bearer = "NsmBearer";

    /// <summary>Everyone is an anonymous viewer: a real device with no identities configured.</summary>
    public const string ReadOnly = "NsmReadOnly";

    /// <summary>The name of the session cookie.</summary>
    public const string CookieName = "nsm-session";
}
