#pragma once

#include <QByteArray>
#include <QColor>

// The pictures an emulator seeds its sample data with, made at run time so that no binary file is kept in the
// repository.
class EmulatorSampleImage
{
public:
    // A width by height image of one colour, encoded in `format` ("JPG", "PNG"); empty when Qt cannot write it.
    static QByteArray encoded(int width, int height, const QColor& color, const char* format);
};
