using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>
/// Random sequences of extend / lock / lock-range / describe against an independent model of docs/pcrs.md written
/// here (its own SHA-384 fold and lock set), plus the same state driven from many threads at once.
/// </summary>
public class NsmEmulatorModelTests
{
    private const int Sequences = 1000;
    private const int OperationsPerSequence = 40;

    [Fact]
    public void Random_operation_sequences_match_the_model()
    {
        var random = new Random(20240611);
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            using var emulator = Create(o => o.DebugMode = true);
            var model = new PcrModel(emulator.InstanceId);
            var log = new List<string>();
            for (var step = 0; step < OperationsPerSequence; step++)
            {
                var request = NextRequest(random);
                log.Add(request.ToString());
                var expected = model.Apply(request);

                var actual = Send(emulator, request);

                Assert.True(
                    expected.Equals(actual),
                    $"Sequence {sequence}, step {step}: expected {expected}, got {actual}. Requests: {string.Join(" → ", log)}");
            }
        }
    }

    [Fact]
    public void Concurrent_extends_from_many_threads_fold_exactly_as_sequential_ones()
    {
        const int threads = 8;
        const int extendsPerThread = 150;
        using var emulator = Create();

        // Each thread owns a PCR (extends on one PCR do not commute); all threads also read and attest meanwhile.
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            var index = (ushort)(16 + thread);
            for (var k = 0; k < extendsPerThread; k++)
            {
                Assert.IsType<ExtendPcrResponse>(Send(emulator, new ExtendPcrRequest(index, new[] { (byte)thread, (byte)k })));
                Assert.IsType<DescribeNsmResponse>(Send(emulator, DescribeNsmRequest.Instance));
                if (k % 50 == 0)
                {
                    Assert.IsType<AttestationResponse>(Send(emulator, new AttestationRequest()));
                }
            }
        });

        for (var thread = 0; thread < threads; thread++)
        {
            var expected = new byte[48];
            for (var k = 0; k < extendsPerThread; k++)
            {
                expected = SHA384.HashData([.. expected, (byte)thread, (byte)k]);
            }

            Assert.Equal(expected, Pcr(emulator, (ushort)(16 + thread)).Data.ToArray());
        }
    }

    [Fact]
    public void Concurrent_locks_of_one_pcr_succeed_exactly_once()
    {
        using var emulator = Create();
        var successes = 0;

        Parallel.For(0, 64, _ =>
        {
            if (Send(emulator, new LockPcrRequest(25)) is LockPcrResponse)
            {
                Interlocked.Increment(ref successes);
            }
        });

        Assert.Equal(1, successes);
    }

    private static NsmRequest NextRequest(Random random)
    {
        // Indices mostly in and around 0..32 so every rule is hit; sometimes anywhere in u16.
        ushort Index() => random.Next(10) == 0 ? (ushort)random.Next(ushort.MaxValue + 1) : (ushort)random.Next(36);

        switch (random.Next(6))
        {
            case 0:
            case 1:
                var data = new byte[random.Next(0, 100)];
                random.NextBytes(data);
                return new ExtendPcrRequest(Index(), data);
            case 2:
                return new LockPcrRequest(Index());
            case 3:
                // Mostly small ranges so locks accumulate slowly and extends keep finding unlocked PCRs.
                return new LockPcrsRequest(random.Next(4) == 0 ? Index() : (ushort)random.Next(0, 18));
            case 4:
                return new DescribePcrRequest(Index());
            default:
                return DescribeNsmRequest.Instance;
        }
    }

    /// <summary>docs/pcrs.md restated without the emulator's code: 32 values, a set of locked indices.</summary>
    private sealed class PcrModel
    {
        private readonly byte[][] _values = Enumerable.Range(0, 32).Select(_ => new byte[48]).ToArray();
        private readonly SortedSet<int> _locked = new(Enumerable.Range(0, 16));

        public PcrModel(string instanceId)
        {
            // Debug mode: only PCR4 (the parent instance) is set at boot.
            _values[4] = SHA384.HashData([.. new byte[48], .. Encoding.UTF8.GetBytes(instanceId)]);
        }

        public NsmResponse Apply(NsmRequest request) => request switch
        {
            DescribePcrRequest { Index: >= 32 } => new ErrorResponse(NsmErrorCode.InvalidIndex),
            DescribePcrRequest r => new DescribePcrResponse(_locked.Contains(r.Index), _values[r.Index].ToArray()),
            ExtendPcrRequest { Index: >= 32 } => new ErrorResponse(NsmErrorCode.InvalidIndex),
            ExtendPcrRequest r when _locked.Contains(r.Index) => new ErrorResponse(NsmErrorCode.ReadOnlyIndex),
            ExtendPcrRequest r => Extend(r.Index, r.Data.ToArray()),
            LockPcrRequest { Index: >= 32 } => new ErrorResponse(NsmErrorCode.InvalidIndex),
            LockPcrRequest r when !_locked.Add(r.Index) => new ErrorResponse(NsmErrorCode.ReadOnlyIndex),
            LockPcrRequest => LockPcrResponse.Instance,
            LockPcrsRequest { Range: > 32 } => new ErrorResponse(NsmErrorCode.InvalidIndex),
            LockPcrsRequest r => LockRange(r.Range),
            DescribeNsmRequest => new DescribeNsmResponse(1, 0, 0, ModuleId, 32, _locked.Select(i => (ushort)i).ToArray(), NsmDigest.Sha384),
            _ => throw new InvalidOperationException($"The model does not cover {request}."),
        };

        private ExtendPcrResponse Extend(int index, byte[] data)
        {
            _values[index] = SHA384.HashData([.. _values[index], .. data]);
            return new ExtendPcrResponse(_values[index].ToArray());
        }

        private LockPcrsResponse LockRange(int range)
        {
            for (var i = 0; i < range; i++)
            {
                _locked.Add(i);
            }

            return LockPcrsResponse.Instance;
        }
    }
}
