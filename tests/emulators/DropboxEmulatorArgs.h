#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Reads one route's argument struct the way Dropbox validates it, keeping the first problem in the words of its
// 400 answers ("request body: cursor: missing required field 'offset'"). Readers of nested structs share it.
class DropboxEmulatorArgs
{
public:
    // `origin` starts every problem: "request body", or "HTTP header \"Dropbox-API-Arg\"".
    DropboxEmulatorArgs(const QJsonValue& arg, const QString& origin);

    bool has(const QString& key) const { return m_object.contains(key); }
    QString string(const QString& key, const QString& fallback = {});
    QString requiredString(const QString& key);
    bool boolean(const QString& key, bool fallback);
    // A whole number within [min, max]; the fallback when absent, and required when there is none.
    qint64 integer(const QString& key, qint64 min, qint64 max, std::optional<qint64> fallback = std::nullopt);
    // A union's tag, given bare ("add") or as an object, one of `allowed`; the fallback when absent, and
    // required when there is none.
    QString unionTag(const QString& key, const QStringList& allowed, const std::optional<QString>& fallback);
    QJsonArray requiredList(const QString& key);
    // The raw value, for union members that carry one ({".tag": "update", "update": "<rev>"}).
    QJsonValue value(const QString& key) const { return m_object.value(key); }
    // A required nested struct.
    DropboxEmulatorArgs child(const QString& key);

    bool ok() const { return m_problem->isEmpty(); }
    QString problem() const { return *m_problem; }

private:
    DropboxEmulatorArgs(const QJsonObject& object, const QString& prefix, const std::shared_ptr<QString>& problem);
    QJsonValue typed(const QString& key, QJsonValue::Type type, const QString& typeName);
    bool present(const QString& key, bool required);
    void fail(const QString& what);

    QJsonObject m_object;
    QString m_prefix;
    std::shared_ptr<QString> m_problem;
};
