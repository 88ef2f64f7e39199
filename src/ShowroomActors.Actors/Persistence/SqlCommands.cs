using System.Data;
using System.Data.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>Plain ADO.NET helpers for the read models kept in the journal's database (portable SQL, typed parameters).</summary>
public static class SqlCommands
{
    public static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel, params SqlParam[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(cancel);
    }

    public static async Task<object?> Scalar(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel, params SqlParam[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteScalarAsync(cancel);
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params SqlParam[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var p in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.DbType = p.Type;
            parameter.Value = p.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

/// <summary>A typed parameter: a null still tells PostgreSQL its column type.</summary>
public readonly record struct SqlParam(string Name, object? Value, DbType Type)
{
    public static SqlParam Text(string name, string? value) => new(name, value, DbType.String);
    public static SqlParam Int32(string name, int? value) => new(name, value, DbType.Int32);
    public static SqlParam Int64(string name, long? value) => new(name, value, DbType.Int64);
}
