/**
 * Tricky Vietnamese texts for the redaction mask (issue 9 finding 3): what must disappear from a
 * published feedback and what must stay readable. The first lines are the misses an outside test
 * found; keep adding the next one found rather than editing these.
 */
export interface CorpusCase {
  text: string;
  /** substrings that must not survive (compared after NFKC, so "０９１２…" is "0912…") */
  gone: string[];
  /** substrings that must survive unchanged */
  kept: string[];
  /** the reporter's own contact data, when the case is about it */
  reporter?: { name?: string; phone?: string; email?: string };
}

export const CORPUS: CorpusCase[] = [
  // ——— The misses of the outside test ———
  { text: 'Tôi là ông Nguyễn  Văn  Tèo, nhà gần đình làng.', gone: ['Nguyễn', 'Tèo'], kept: ['nhà gần đình làng'] },
  { text: 'chị Hoa bán hàng rong chiếm vỉa hè', gone: ['Hoa'], kept: ['bán hàng rong chiếm vỉa hè'] },
  { text: 'ông Nguyễn Văn Tèo mở loa kẹo kéo đến 23 giờ', gone: ['Nguyễn Văn Tèo'], kept: ['mở loa kẹo kéo đến 23 giờ'] },
  { text: 'Liên hệ (091) 234-5678 để biết thêm.', gone: ['091', '234-5678'], kept: ['Liên hệ', 'để biết thêm'] },
  { text: 'Số của tôi: 0912  345  678', gone: ['0912', '345', '678'], kept: ['Số của tôi'] },
  { text: 'Gọi ０９１２３４５６７８ nhé', gone: ['0912345678'], kept: ['Gọi', 'nhé'] },
  { text: 'email hoa @ gmail.com', gone: ['hoa @ gmail.com', 'gmail'], kept: ['email'] },
  { text: 'thư gửi hoa[at]gmail.com giúp tôi', gone: ['hoa[at]gmail.com'], kept: ['thư gửi', 'giúp tôi'] },
  { text: 'Karaoke ở nhà số 12 ngõ 5 phố Huế hát suốt đêm', gone: ['12', ' 5 '], kept: ['Karaoke', 'phố Huế', 'hát suốt đêm'] },
  // ——— Phones ———
  { text: 'SĐT 0912.345.678', gone: ['0912.345.678'], kept: ['SĐT'] },
  { text: 'ĐT: +84 912 345 678', gone: ['+84 912 345 678', '912 345'], kept: ['ĐT'] },
  { text: 'gọi (+84) 912-345-678 giờ hành chính', gone: ['912-345-678', '+84'], kept: ['giờ hành chính'] },
  { text: 'số 84912345678 là của tôi', gone: ['84912345678'], kept: ['là của tôi'] },
  { text: '+84 (0) 912 345 678', gone: ['912 345 678'], kept: [] },
  { text: 'máy bàn 028 3829 1234 tổ trưởng', gone: ['028 3829 1234'], kept: ['máy bàn'] },
  { text: 'hai số 0912345678 0987654321 đều không nghe máy', gone: ['0912345678', '0987654321'], kept: ['đều không nghe máy'] },
  { text: 'hai số 0912 345 678 0987 654 321 đều tắt máy', gone: ['0912 345 678', '0987 654 321', '654 321'], kept: ['đều tắt máy'] },
  { text: 'Số 0912345678, 0987654321 gọi không được', gone: ['0912345678', '0987654321'], kept: ['gọi không được'] },
  { text: 'điện thoại 0912\u200B345\u200B678', gone: ['0912', '345', '678'], kept: ['điện thoại'] },
  { text: 'số ０９１２ ３４５ ６７８ của ông ấy', gone: ['0912', '345 678'], kept: ['của ông ấy'] },
  { text: 'ngày 5-3-2026 gọi 0912345678 không ai nghe', gone: ['0912345678'], kept: ['ngày 5-3-2026', 'không ai nghe'] },
  { text: 'Tổng đài 1022 và đường dây nóng 1900 1234 của Sở', gone: [], kept: ['1022', '1900 1234'] },
  // ——— Emails ———
  { text: 'mail: hoa(at)gmail.com', gone: ['hoa(at)gmail.com'], kept: ['mail'] },
  { text: 'địa chỉ thư hoa a còng gmail chấm com', gone: ['hoa a còng gmail chấm com', 'gmail'], kept: ['địa chỉ thư'] },
  { text: 'Email: Nguyen.Van.A@yahoo.com.vn', gone: ['Nguyen.Van.A@yahoo.com.vn'], kept: ['Email'] },
  { text: 'gửi về hoa [at] gmail [dot] com', gone: ['gmail', 'hoa'], kept: ['gửi về'] },
  { text: 'liên hệ ｈｏａ＠ｇｍａｉｌ．ｃｏｍ', gone: ['hoa@gmail.com'], kept: ['liên hệ'] },
  { text: 'gặp nhau at quán cà phê lúc 5 giờ', gone: [], kept: ['gặp nhau at quán cà phê lúc 5 giờ'] },
  // ——— Names after a form of address ———
  { text: 'bà Võ Thị Công Dân ở cuối xóm', gone: ['Võ Thị Công Dân'], kept: ['ở cuối xóm'] },
  { text: 'Anh Tuấn bảo vệ không cho vào', gone: ['Tuấn'], kept: ['bảo vệ không cho vào'] },
  { text: 'cô Lan   hiệu trưởng', gone: ['Lan'], kept: ['hiệu trưởng'] },
  { text: 'chú Ba Tèo sửa xe lấn chiếm lòng đường', gone: ['Ba Tèo'], kept: ['sửa xe lấn chiếm lòng đường'] },
  { text: 'bác Hùng tổ trưởng dân phố', gone: ['Hùng'], kept: ['tổ trưởng dân phố'] },
  { text: 'cụ Tư bán vé số', gone: ['Tư'], kept: ['bán vé số'] },
  { text: 'em Nguyễn Thị Mai, học sinh lớp 9', gone: ['Nguyễn Thị Mai'], kept: ['học sinh lớp 9'] },
  { text: 'Họ tên: Trần Văn Bình', gone: ['Trần Văn Bình'], kept: ['Họ tên'] },
  { text: 'Tôi tên là Lê Thị Thu, phản ánh việc sau', gone: ['Lê Thị Thu'], kept: ['phản ánh việc sau'] },
  { text: 'ông NGUYỄN VĂN HAI chủ quán', gone: ['NGUYỄN VĂN HAI'], kept: ['chủ quán'] },
  { text: 'chi\u0323 Hoa (chữ tổ hợp)', gone: ['Hoa'], kept: ['chữ tổ hợp'] },
  { text: 'anh em trong xóm đều bức xúc', gone: [], kept: ['anh em trong xóm đều bức xúc'] },
  { text: 'ông bà ta có câu', gone: [], kept: ['ông bà ta có câu'] },
  { text: 'đường vào núi Bà Đen bị sạt lở', gone: [], kept: ['núi Bà Đen'] },
  { text: 'tỉnh Bà Rịa - Vũng Tàu cũ', gone: [], kept: ['Bà Rịa'] },
  { text: 'tượng đài Bác Hồ cần quét dọn', gone: [], kept: ['Bác Hồ'] },
  { text: 'chợ Bà Chiểu mất vệ sinh', gone: [], kept: ['Bà Chiểu'] },
  // ——— The reporter's own data ———
  { text: 'Tôi, Phạm Minh Khoa, phản ánh', gone: ['Phạm Minh Khoa'], kept: ['phản ánh'], reporter: { name: 'Phạm Minh Khoa' } },
  { text: 'người gửi pham minh khoa', gone: ['pham minh khoa'], kept: ['người gửi'], reporter: { name: 'Phạm Minh Khoa' } },
  { text: 'ký tên PHẠM  MINH  KHOA', gone: ['PHẠM'], kept: ['ký tên'], reporter: { name: 'Phạm Minh Khoa' } },
  { text: 'liên hệ khoa.pm@example.vn', gone: ['khoa.pm@example.vn'], kept: ['liên hệ'], reporter: { email: 'khoa.pm@example.vn' } },
  // ——— ID numbers ———
  { text: 'CCCD 079123456789 cấp năm 2021', gone: ['079123456789'], kept: ['cấp năm 2021'] },
  { text: 'CMND số 123456789', gone: ['123456789'], kept: ['CMND'] },
  { text: 'căn cước: 079 123 456 789', gone: ['079 123 456 789', '456 789'], kept: ['căn cước'] },
  { text: 'CCCD 123 456 789 012 của bà ấy', gone: ['123 456 789 012', '789 012'], kept: ['của bà ấy'] },
  { text: 'mã định danh 001099012345', gone: ['001099012345'], kept: ['mã định danh'] },
  // ——— House numbers, alleys, hamlets ———
  { text: 'số nhà 45B đường Lê Lợi', gone: ['45B'], kept: ['đường Lê Lợi'] },
  { text: 'ngách 3 ngõ 12 phố Kim Mã', gone: [' 3 ', ' 12 '], kept: ['phố Kim Mã'] },
  { text: 'hẻm 42/7 Nguyễn Trãi', gone: ['42/7'], kept: [] },
  { text: 'kiệt 15 Hùng Vương, Đà Nẵng', gone: ['15'], kept: ['Hùng Vương, Đà Nẵng'] },
  { text: 'tổ 4 khu phố 2 phường Bến Thành', gone: [' 4 ', ' 2 '], kept: ['phường Bến Thành'] },
  { text: 'nhà 12/3/5 đường số 7', gone: ['12/3/5'], kept: ['đường'] },
  { text: 'SN 14 phố Hàng Bạc', gone: ['14'], kept: ['phố Hàng Bạc'] },
  { text: 'Phòng 1203 chung cư Sunrise', gone: ['1203'], kept: ['chung cư Sunrise'] },
  // ——— What must stay ———
  { text: 'Quán karaoke hát đến 23 giờ ngày 12/3/2026', gone: [], kept: ['23 giờ', '12/3/2026'] },
  { text: 'theo Quyết định số 12/2024/QĐ-UBND', gone: [], kept: ['12/2024/QĐ-UBND'] },
  { text: 'thu phí 1.500.000 đồng mỗi tháng', gone: [], kept: ['1.500.000 đồng'] },
  { text: 'dự án 2.500.000.000 đồng chậm tiến độ', gone: [], kept: ['2.500.000.000 đồng'] },
  { text: 'Nhà văn hóa phường mở cửa từ 7 giờ đến 21 giờ', gone: [], kept: ['Nhà văn hóa phường', '7 giờ', '21 giờ'] },
  { text: 'khoảng 30 người tụ tập, ồn ào từ 20/3 đến nay', gone: [], kept: ['30 người', 'từ 20/3'] },
  { text: 'Lễ hội đình làng năm 2026 tổ chức chu đáo', gone: [], kept: ['Lễ hội đình làng năm 2026 tổ chức chu đáo'] },
];
