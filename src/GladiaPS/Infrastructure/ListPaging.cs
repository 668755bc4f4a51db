namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// -First, -Skip and -IncludeTotalCount of a list form (Get-GladiaLiveResult, Get-GladiaTranscription). Declared by each
    /// command on its list parameter set only: SupportsPaging would add them to every set, the id form included.
    /// </summary>
    internal readonly struct ListPaging
    {
        public ListPaging(ulong? first, ulong skip, bool includeTotalCount)
        {
            First = first ?? ulong.MaxValue;
            Skip = skip;
            IncludeTotalCount = includeTotalCount;
        }

        /// <summary>How many to write at most (ulong.MaxValue: all).</summary>
        public ulong First { get; }

        public ulong Skip { get; }

        public bool IncludeTotalCount { get; }
    }
}
