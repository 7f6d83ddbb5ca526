#pragma once

#include <QString>

// The order people expect for invoice numbers and file names: "2" before "10", case ignored.
// Independent of the system locale, so that a store lists the same way everywhere.
namespace NaturalOrder {

// Negative, zero or positive, like QString::compare.
int compare(const QString& a, const QString& b);
inline bool less(const QString& a, const QString& b)
{
    return compare(a, b) < 0;
}

} // namespace NaturalOrder
