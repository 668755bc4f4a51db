namespace GladiaPS.Core.Audio
{
    /// <summary>What to do with an input of more than 8 channels, which no session accepts.</summary>
    public enum ExcessChannelPolicy
    {
        /// <summary>Fail with <see cref="AudioFormatError.TooManyChannels"/>.</summary>
        Error,

        /// <summary>Average all channels into one.</summary>
        DownmixToMono,

        /// <summary>Keep channels 0 to 7 and drop the rest.</summary>
        KeepFirstEight,
    }
}
