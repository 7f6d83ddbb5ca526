#include "DropboxEmulatorArgs.h"

#include "DropboxEmulatorJson.h"

namespace {

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("list");
    default:
        return QStringLiteral("object");
    }
}

} // namespace

DropboxEmulatorArgs::DropboxEmulatorArgs(const QJsonValue& arg, const QString& origin)
    : m_object(arg.toObject())
    , m_prefix(origin + QStringLiteral(": "))
    , m_problem(std::make_shared<QString>())
{
    if (!arg.isObject())
        fail(QStringLiteral("expected object, got %1").arg(typeName(arg)));
}

DropboxEmulatorArgs::DropboxEmulatorArgs(const QJsonObject& object, const QString& prefix,
                                         const std::shared_ptr<QString>& problem)
    : m_object(object)
    , m_prefix(prefix)
    , m_problem(problem)
{ }

QString DropboxEmulatorArgs::string(const QString& key, const QString& fallback)
{
    return has(key) ? typed(key, QJsonValue::String, QStringLiteral("string")).toString() : fallback;
}

QString DropboxEmulatorArgs::requiredString(const QString& key)
{
    return present(key, true) ? string(key) : QString();
}

bool DropboxEmulatorArgs::boolean(const QString& key, bool fallback)
{
    return has(key) ? typed(key, QJsonValue::Bool, QStringLiteral("boolean")).toBool() : fallback;
}

qint64 DropboxEmulatorArgs::integer(const QString& key, qint64 min, qint64 max, std::optional<qint64> fallback)
{
    if (!present(key, !fallback))
        return fallback.value_or(0);
    const double number = typed(key, QJsonValue::Double, QStringLiteral("integer")).toDouble();
    const auto whole = qint64(number);
    if (double(whole) != number || whole < min || whole > max) {
        fail(QStringLiteral("%1: %2 is not a whole number within [%3, %4]").arg(key).arg(number).arg(min).arg(max));
        return fallback.value_or(0);
    }
    return whole;
}

QString DropboxEmulatorArgs::unionTag(const QString& key, const QStringList& allowed,
                                      const std::optional<QString>& fallback)
{
    if (!present(key, !fallback))
        return fallback.value_or(QString());
    const QString tag = DropboxEmulatorJson::tagOf(m_object.value(key));
    if (!allowed.contains(tag)) {
        fail(QStringLiteral("%1: unknown tag '%2'").arg(key, tag));
        return fallback.value_or(QString());
    }
    return tag;
}

QJsonArray DropboxEmulatorArgs::requiredList(const QString& key)
{
    return present(key, true) ? typed(key, QJsonValue::Array, QStringLiteral("list")).toArray() : QJsonArray();
}

DropboxEmulatorArgs DropboxEmulatorArgs::child(const QString& key)
{
    const QJsonObject object
        = present(key, true) ? typed(key, QJsonValue::Object, QStringLiteral("object")).toObject() : QJsonObject();
    return DropboxEmulatorArgs(object, m_prefix + key + QStringLiteral(": "), m_problem);
}

QJsonValue DropboxEmulatorArgs::typed(const QString& key, QJsonValue::Type type, const QString& typeName)
{
    const QJsonValue value = m_object.value(key);
    if (value.type() != type) {
        fail(QStringLiteral("%1: expected %2, got %3").arg(key, typeName, ::typeName(value)));
        return {};
    }
    return value;
}

bool DropboxEmulatorArgs::present(const QString& key, bool required)
{
    if (required && !has(key))
        fail(QStringLiteral("missing required field '%1'").arg(key));
    return has(key);
}

void DropboxEmulatorArgs::fail(const QString& what)
{
    // The first problem is the one reported, as Dropbox stops at the first.
    if (m_problem->isEmpty())
        *m_problem = m_prefix + what;
}
