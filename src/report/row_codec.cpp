// Row encoding: little-endian fixed-width numbers and length-prefixed strings.
#include "report/row_codec.hpp"

#include <cstring>

namespace qvm::report {
namespace {

enum Tag : char { kNull, kInt, kUint, kDouble, kBool, kString, kList, kTime };

void put_u64(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

bool get_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i)
    v |= std::uint64_t(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

void put_string(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

bool get_string(std::string_view& in, std::string& s) {
  std::uint64_t n = 0;
  if (!get_u64(in, n) || in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

}  // namespace

void encode_row(std::span<const FieldValue> row, std::string& out) {
  put_u64(out, row.size());
  for (const auto& cell : row) {
    struct Visitor {
      std::string& out;
      void operator()(std::monostate) const { out += kNull; }
      void operator()(std::int64_t v) const {
        out += kInt;
        put_u64(out, static_cast<std::uint64_t>(v));
      }
      void operator()(std::uint64_t v) const {
        out += kUint;
        put_u64(out, v);
      }
      void operator()(double v) const {
        out += kDouble;
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        put_u64(out, bits);
      }
      void operator()(bool v) const {
        out += kBool;
        out += v ? '\1' : '\0';
      }
      void operator()(const std::string& v) const {
        out += kString;
        put_string(out, v);
      }
      void operator()(Timestamp t) const {
        out += kTime;
        put_u64(out, static_cast<std::uint64_t>(t.time_since_epoch().count()));
      }
      void operator()(const std::vector<std::string>& v) const {
        out += kList;
        put_u64(out, v.size());
        for (const auto& s : v)
          put_string(out, s);
      }
    };
    std::visit(Visitor{out}, cell);
  }
}

std::optional<std::vector<FieldValue>> decode_row(std::string_view& in) {
  std::uint64_t count = 0;
  if (!get_u64(in, count) || count > in.size()) return std::nullopt;
  std::vector<FieldValue> row;
  row.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (in.empty()) return std::nullopt;
    char tag = in.front();
    in.remove_prefix(1);
    std::uint64_t n = 0;
    switch (tag) {
      case kNull:
        row.emplace_back();
        break;
      case kInt:
        if (!get_u64(in, n)) return std::nullopt;
        row.emplace_back(static_cast<std::int64_t>(n));
        break;
      case kUint:
        if (!get_u64(in, n)) return std::nullopt;
        row.emplace_back(n);
        break;
      case kDouble: {
        if (!get_u64(in, n)) return std::nullopt;
        double d;
        std::memcpy(&d, &n, sizeof d);
        row.emplace_back(d);
        break;
      }
      case kBool:
        if (in.empty()) return std::nullopt;
        row.emplace_back(in.front() != 0);
        in.remove_prefix(1);
        break;
      case kString: {
        std::string s;
        if (!get_string(in, s)) return std::nullopt;
        row.emplace_back(std::move(s));
        break;
      }
      case kTime:
        if (!get_u64(in, n)) return std::nullopt;
        row.emplace_back(Timestamp(std::chrono::seconds(static_cast<std::int64_t>(n))));
        break;
      case kList: {
        if (!get_u64(in, n) || n > in.size()) return std::nullopt;
        std::vector<std::string> list(n);
        for (auto& s : list) {
          if (!get_string(in, s)) return std::nullopt;
        }
        row.emplace_back(std::move(list));
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return row;
}

RowSpill::RowSpill() : file_(std::tmpfile()) {}

RowSpill::~RowSpill() {
  if (file_) std::fclose(file_);
}

Status RowSpill::append(std::span<const FieldValue> row) {
  if (!file_) {
    return make_error(ErrorKind::kIo, "cannot create a temporary file",
                      "check that TMPDIR is writable and has space");
  }
  buffer_.clear();
  encode_row(row, buffer_);
  std::string frame;
  put_u64(frame, buffer_.size());
  if (std::fwrite(frame.data(), 1, frame.size(), file_) != frame.size() ||
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return make_error(ErrorKind::kIo, "writing a temporary file failed",
                      "check that TMPDIR has space");
  }
  ++rows_;
  return {};
}

Status RowSpill::rewind() {
  if (!file_ || std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    return make_error(ErrorKind::kIo, "cannot read back a temporary file");
  }
  return {};
}

Result<std::optional<std::vector<FieldValue>>> RowSpill::next() {
  char frame[8];
  size_t got = std::fread(frame, 1, sizeof frame, file_);
  if (got == 0) return std::optional<std::vector<FieldValue>>();
  std::string_view frame_view(frame, got);
  std::uint64_t size = 0;
  if (!get_u64(frame_view, size)) {
    return make_error(ErrorKind::kIo, "a temporary file was cut short");
  }
  buffer_.resize(size);
  if (std::fread(buffer_.data(), 1, size, file_) != size) {
    return make_error(ErrorKind::kIo, "a temporary file was cut short");
  }
  std::string_view in = buffer_;
  auto row = decode_row(in);
  if (!row) return make_error(ErrorKind::kIo, "a temporary file is corrupt");
  return row;
}

}  // namespace qvm::report
