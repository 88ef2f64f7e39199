using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Tests.Serialization;

/// <summary>
/// Builds a populated instance of any message type by reflection (largest constructor, every parameter filled,
/// collections with one element), so every registered type is round-tripped without hand-written samples.
/// </summary>
public static class SampleFactory
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

    public static object Create(Type type, int depth = 0)
    {
        if (depth > 8) throw new InvalidOperationException($"Sample of {type} nests too deep.");
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Create(underlying, depth);
        if (type == typeof(string)) return "sample-1";
        if (type == typeof(int)) return 3;
        if (type == typeof(long)) return 5L;
        if (type == typeof(short)) return (short)2;
        if (type == typeof(byte)) return (byte)1;
        if (type == typeof(bool)) return true;
        if (type == typeof(double)) return 0.25;
        if (type == typeof(decimal)) return 0.3m;
        if (type == typeof(Guid)) return Guid.Parse("0193a0b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b");
        if (type == typeof(DateTimeOffset)) return Instant;
        if (type == typeof(DateTime)) return Instant.UtcDateTime;
        if (type == typeof(DateOnly)) return new DateOnly(2026, 11, 29);
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(10);
        if (type == typeof(Fen)) return new Fen(6800);
        if (type == typeof(byte[])) return new byte[] { 1, 2, 3 };
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        if (type.IsArray) return OneElementArray(type.GetElementType()!, depth);
        if (type.IsGenericType) return CreateGeneric(type, depth);
        if (type.IsInterface || type.IsAbstract)
            throw new InvalidOperationException($"Cannot sample the abstract type {type}; give the message a concrete member type.");
        return CreateObject(type, depth);
    }

    private static object CreateGeneric(Type type, int depth)
    {
        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
            list.Add(Create(args[0], depth + 1));
            return list;
        }
        if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
            dictionary.Add(Create(args[0], depth + 1), Create(args[1], depth + 1));
            return dictionary;
        }
        if (definition.Namespace == typeof(ImmutableList).Namespace)
        {
            // ImmutableX<T>: build through the static ImmutableX.Create(item) / CreateRange.
            var factory = typeof(ImmutableList).Assembly.GetType($"System.Collections.Immutable.{definition.Name.Split('`')[0]}")!;
            if (args.Length == 1)
            {
                var create = factory.GetMethods().Single(m => m.Name == "Create" && m.IsGenericMethod && m.GetParameters().Length == 1 && !m.GetParameters()[0].ParameterType.IsArray && m.GetParameters()[0].ParameterType.IsGenericParameter);
                return create.MakeGenericMethod(args).Invoke(null, [Create(args[0], depth + 1)])!;
            }
            var empty = factory.GetMethods().Single(m => m.Name == "Create" && m.IsGenericMethod && m.GetParameters().Length == 0).MakeGenericMethod(args).Invoke(null, null)!;
            return type.GetMethod("Add")!.Invoke(empty, [Create(args[0], depth + 1), Create(args[1], depth + 1)])!;
        }
        return CreateObject(type, depth);
    }

    private static Array OneElementArray(Type element, int depth)
    {
        var array = Array.CreateInstance(element, 1);
        array.SetValue(Create(element, depth + 1), 0);
        return array;
    }

    private static object CreateObject(Type type, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null) return Activator.CreateInstance(type)!;
        var values = constructor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray();
        var instance = constructor.Invoke(values);
        // Records with init-only properties outside the constructor (e.g. state records): fill those too.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || constructor.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
                continue;
            property.SetValue(instance, Create(property.PropertyType, depth + 1));
        }
        return instance;
    }
}
