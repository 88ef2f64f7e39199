using System.Data;
using System.Data.Common;

namespace ShowroomActors.Bench;

/// <summary>Adds a named parameter to a command (or a batch command) and returns it, so a prepared statement can reuse it.</summary>
internal static class SqlParameters
{
    public static DbParameter Add(DbCommand command, string name, object? value = null, DbType? type = null) =>
        Add(command.CreateParameter(), command.Parameters, name, value, type);

    public static DbParameter Add(DbBatchCommand command, string name, object value) =>
        Add(command.CreateParameter(), command.Parameters, name, value, null);

    private static DbParameter Add(DbParameter parameter, DbParameterCollection parameters, string name, object? value, DbType? type)
    {
        parameter.ParameterName = name;
        if (value is not null) parameter.Value = value;
        if (type is { } dbType) parameter.DbType = dbType;
        parameters.Add(parameter);
        return parameter;
    }
}
