namespace NsmDashboard.Attestation;

/// <summary>
/// A bounded map that forgets the least recently used entry first. Not thread-safe on its own: the owner
/// (<see cref="AttestationChainCache"/>) holds its lock around every call.
/// </summary>
internal sealed class BoundedLru<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _recency = new();

    public BoundedLru(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    /// <summary>The value under <paramref name="key"/> when <paramref name="usable"/> accepts it; it then becomes the most recent.</summary>
    public TValue? Find(TKey key, Func<TValue, bool> usable)
    {
        if (!_entries.TryGetValue(key, out var node) || !usable(node.Value.Value))
        {
            return null;
        }

        _recency.Remove(node);
        _recency.AddFirst(node);
        return node.Value.Value;
    }

    /// <summary>Adds or replaces; evicts the least recently used entry when full. Returns the value that was displaced, if any.</summary>
    public TValue? Set(TKey key, TValue value)
    {
        TValue? displaced = null;
        if (_entries.TryGetValue(key, out var existing))
        {
            _recency.Remove(existing);
            displaced = existing.Value.Value;
        }
        else if (_entries.Count >= Capacity && _recency.Last is { } oldest)
        {
            // Evicted values are not disposed: another verification may still be using them.
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            displaced = oldest.Value.Value;
        }

        _entries[key] = _recency.AddFirst((key, value));
        return ReferenceEquals(displaced, value) ? null : displaced;
    }

    /// <summary>Removes every entry whose value matches.</summary>
    public void RemoveWhere(Func<TValue, bool> match)
    {
        for (var node = _recency.First; node is not null;)
        {
            var next = node.Next;
            if (match(node.Value.Value))
            {
                _recency.Remove(node);
                _entries.Remove(node.Value.Key);
            }

            node = next;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _recency.Clear();
    }
}
