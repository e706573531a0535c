using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The server's record of each browser session, so that a session can end on the server and not only in the browser:
/// signing out ends it (<see cref="End"/>), and so does <see cref="AuthOptions.SessionIdleTimeout"/> without activity
/// (a request with its cookie, or input in an open tab). The cookie carries the session's id
/// (<see cref="SessionClaim"/>); a cookie whose session has ended is refused, and an open tab notices within
/// <see cref="AuthOptions.SessionRevalidationInterval"/> (<see cref="RevalidatingSessionStateProvider"/>).
/// In memory, like the cookie keys: sessions end with the process.
/// </summary>
public sealed class SessionStore
{
    /// <summary>The claim that names the session in the cookie's principal.</summary>
    public const string SessionClaim = "nsm:session";

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private long _lastSweep;

    /// <summary>Creates the store with the configured idle timeout.</summary>
    public SessionStore(IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _idleTimeout = options.Value.SessionIdleTimeout;
        _lastSweep = timeProvider.GetTimestamp();
    }

    /// <summary>Sessions recorded now (ended ones are forgotten at once; expired ones at the next sweep).</summary>
    public int Count => _sessions.Count;

    /// <summary>The session id a principal carries, or null.</summary>
    public static string? IdOf(ClaimsPrincipal? user) => user?.FindFirst(SessionClaim)?.Value;

    /// <summary>Starts a session for <paramref name="user"/> and returns its id (128 random bits).</summary>
    public string Start(string user)
    {
        SweepIfDue();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[id] = new Entry(user, _timeProvider.GetTimestamp());
        return id;
    }

    /// <summary>Whether the session exists and has been active within the idle timeout.</summary>
    public bool IsActive(string? id) =>
        id is not null && _sessions.TryGetValue(id, out var entry) && !IsIdle(entry, _timeProvider.GetTimestamp());

    /// <summary>Records activity on an active session; false when it has ended or expired (then it is forgotten).</summary>
    public bool Touch(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var entry))
        {
            return false;
        }

        long now = _timeProvider.GetTimestamp();
        if (IsIdle(entry, now))
        {
            _sessions.TryRemove(id, out _);
            return false;
        }

        Interlocked.Exchange(ref entry.LastSeen, now);
        return true;
    }

    /// <summary>Ends a session (sign-out); true when it existed.</summary>
    public bool End(string? id) => id is not null && _sessions.TryRemove(id, out _);

    private bool IsIdle(Entry entry, long now) => _timeProvider.GetElapsedTime(Interlocked.Read(ref entry.LastSeen), now) > _idleTimeout;

    // Forgets expired sessions at most once a minute, when a new one starts: sign-ins are rate-limited, so the store
    // cannot grow faster than they allow.
    private void SweepIfDue()
    {
        long now = _timeProvider.GetTimestamp();
        long last = Interlocked.Read(ref _lastSweep);
        if (_timeProvider.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1) || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (id, entry) in _sessions)
        {
            if (IsIdle(entry, now))
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed class Entry(string user, long lastSeen)
    {
        public string User { get; } = user;

        public long LastSeen = lastSeen;
    }
}
