#pragma once

// For the tests of the emulators that answer in JSON or XML, as the Accept header asks: most cases run once in
// each format and compare what they read in one form.

#include <QByteArray>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QTest>

enum class Format { Json, Xml };
Q_DECLARE_METATYPE(Format)

// A record's fields as text, the one form both formats can be compared in.
using Fields = QMap<QString, QString>;

inline QByteArray acceptOf(Format format)
{
    return format == Format::Json ? QByteArrayLiteral("application/json") : QByteArrayLiteral("application/xml");
}

// The data of a case that runs in both formats: one "format" column, a row each.
inline void addFormats()
{
    QTest::addColumn<Format>("format");
    QTest::newRow("json") << Format::Json;
    QTest::newRow("xml") << Format::Xml;
}
