using System.CommandLine;

namespace ShowroomActors.Client.Cli;

/// <summary>
/// Declares each option once, together with where its value goes: <see cref="Bind{TValue}"/> adds the option to the
/// command and remembers how to set it on the tool's options record; <see cref="Read"/> applies every value given
/// (or its default) to the defaults.
/// </summary>
public sealed class OptionBinder<T>(Command command, T defaults)
{
    private readonly List<Func<ParseResult, T, T>> _setters = [];

    public Option<TValue> Bind<TValue>(Option<TValue> option, Func<T, TValue, T> set)
    {
        command.Options.Add(option);
        _setters.Add((result, options) => set(options, result.GetValue(option)!));
        return option;
    }

    public T Read(ParseResult result) => _setters.Aggregate(defaults, (options, set) => set(result, options));
}
