/**
 * Demo content written for this project (not taken from any real portal). Every summary ends
 * with "(bài viết minh họa)" so no reader mistakes it for official news; places and people are
 * invented or generic.
 */
export const NEWS_CATEGORIES = [
  { slug: 'van-hoa', name: 'Văn hóa', nameEn: 'Culture', sort: 1 },
  { slug: 'the-thao', name: 'Thể thao', nameEn: 'Sports', sort: 2 },
  { slug: 'du-lich', name: 'Du lịch', nameEn: 'Tourism', sort: 3 },
  { slug: 'thu-vien', name: 'Thư viện', nameEn: 'Library', sort: 4 },
  { slug: 'di-san', name: 'Di sản', nameEn: 'Heritage', sort: 5 },
  { slug: 'chuyen-doi-so', name: 'Chuyển đổi số', nameEn: 'Digital transformation', sort: 6 },
] as const;

export interface DemoArticle {
  category: (typeof NEWS_CATEGORIES)[number]['slug'];
  /** Vietnam time, "YYYY-MM-DDTHH:MM" */
  at: string;
  title: string;
  summary: string;
  body: string[];
  tags: string[];
  author?: string;
  source?: string;
  featured?: boolean;
}

const MARK = ' (bài viết minh họa)';

const A: DemoArticle[] = [
  // ── Chuyển đổi số ──────────────────────────────────────────────────────────
  {
    category: 'chuyen-doi-so',
    at: '2026-03-18T09:30',
    featured: true,
    title: 'Sở tổ chức Hội nghị chuyển đổi số ngành văn hóa, thể thao và du lịch năm 2026',
    summary: 'Hội nghị đánh giá kết quả số hóa hồ sơ thủ tục hành chính, dữ liệu di sản và thư viện, đồng thời thống nhất kế hoạch năm 2026 của toàn ngành.',
    body: [
      'Sáng 18/3/2026, Sở Văn hóa, Thể thao và Du lịch tổ chức Hội nghị chuyển đổi số của ngành với sự tham dự của lãnh đạo các phòng chuyên môn, các đơn vị sự nghiệp trực thuộc và đại diện các xã, phường.',
      '## Kết quả nổi bật',
      'Năm 2025, toàn bộ thủ tục hành chính thuộc thẩm quyền của Sở được cung cấp trực tuyến; tỷ lệ hồ sơ nộp trực tuyến đạt trên 80%. Bảo tàng tỉnh đã số hóa hơn 3.000 hiện vật; Thư viện tỉnh đưa vào khai thác kho tài liệu địa chí số.',
      'Phát biểu kết luận, Giám đốc Sở đề nghị các đơn vị lấy người dân, doanh nghiệp làm trung tâm: dữ liệu đã có thì không yêu cầu nộp lại, mọi thủ tục phải theo dõi được tiến độ trên mạng.',
    ],
    tags: ['chuyển đổi số', 'hội nghị', 'dịch vụ công trực tuyến'],
    author: 'Văn phòng Sở',
  },
  {
    category: 'chuyen-doi-so',
    at: '2026-05-06T14:00',
    title: 'Tập huấn kỹ năng số cho cán bộ văn hóa – xã hội cấp xã',
    summary: 'Hơn 120 cán bộ văn hóa – xã hội các xã, phường được hướng dẫn tiếp nhận hồ sơ trực tuyến, chữ ký số và cập nhật dữ liệu thiết chế văn hóa.',
    body: [
      'Trong hai ngày 5 và 6/5/2026, Sở phối hợp với Trung tâm Văn hóa – Điện ảnh tỉnh tổ chức lớp tập huấn kỹ năng số cho cán bộ phụ trách văn hóa – xã hội cấp xã.',
      'Học viên được thực hành trên hệ thống: tiếp nhận hồ sơ, yêu cầu bổ sung một lần, ký số văn bản trả kết quả và cập nhật số liệu nhà văn hóa, sân thể thao của địa phương.',
      'Sau tập huấn, mỗi xã, phường cử một cán bộ làm đầu mối hỗ trợ người dân nộp hồ sơ trực tuyến tại bộ phận một cửa.',
    ],
    tags: ['chuyển đổi số', 'tập huấn', 'cấp xã'],
  },
  {
    category: 'chuyen-doi-so',
    at: '2026-07-02T08:00',
    title: 'Ra mắt cổng thông tin điện tử mới của Sở',
    summary: 'Cổng thông tin mới nhẹ, dùng tốt trên điện thoại, đáp ứng tiêu chuẩn tiếp cận cho người khuyết tật và tích hợp tra cứu hồ sơ.',
    body: [
      'Từ ngày 1/7/2026, cổng thông tin điện tử của Sở chính thức vận hành trên nền tảng mới, đáp ứng yêu cầu của quy định mới về cung cấp thông tin và dịch vụ công trực tuyến.',
      'Trang được thiết kế để tải nhanh cả trên mạng di động yếu, đọc được bằng phần mềm đọc màn hình và dùng được hoàn toàn bằng bàn phím. Người dân có thể tra cứu tình trạng hồ sơ, gửi phản ánh, kiến nghị và đánh giá mức độ hài lòng ngay trên từng trang.',
      'Mọi góp ý về cổng thông tin xin gửi về Văn phòng Sở qua mục Phản ánh, kiến nghị.',
    ],
    tags: ['cổng thông tin', 'chuyển đổi số'],
    featured: true,
  },
  {
    category: 'chuyen-doi-so',
    at: '2026-09-15T10:00',
    title: 'Thí điểm vé điện tử tại Bảo tàng tỉnh',
    summary: 'Khách tham quan có thể mua vé và thanh toán trực tuyến, quét mã QR tại cửa; học sinh, người cao tuổi tiếp tục được miễn, giảm theo quy định.',
    body: [
      'Bảo tàng tỉnh bắt đầu thí điểm bán vé điện tử từ ngày 15/9/2026. Khách đặt vé trên điện thoại, thanh toán qua ngân hàng hoặc ví điện tử và nhận mã QR để vào cửa.',
      'Quầy bán vé trực tiếp vẫn mở để phục vụ khách không dùng điện thoại thông minh. Dữ liệu lượt khách được tổng hợp tự động, phục vụ báo cáo thống kê ngành hằng quý.',
    ],
    tags: ['vé điện tử', 'bảo tàng', 'thanh toán trực tuyến'],
  },
  {
    category: 'chuyen-doi-so',
    at: '2026-11-10T15:30',
    title: 'Kết nối dữ liệu ngành với Trung tâm điều hành thông minh của tỉnh',
    summary: 'Số liệu về lượt khách du lịch, hoạt động thư viện và hồ sơ thủ tục hành chính được chia sẻ định kỳ với Trung tâm điều hành thông minh (IOC).',
    body: [
      'Sở đã hoàn thành kết nối kỹ thuật để chia sẻ số liệu hằng quý với Trung tâm điều hành thông minh của tỉnh. Các chỉ tiêu gồm lượt khách du lịch, doanh thu du lịch ước tính, lượt bạn đọc thư viện và tình hình giải quyết hồ sơ.',
      'Dữ liệu được kiểm tra trước khi gửi; mọi lần gửi đều được ghi nhật ký để đối chiếu khi cần.',
    ],
    tags: ['IOC', 'dữ liệu', 'chuyển đổi số'],
  },
  // ── Văn hóa ────────────────────────────────────────────────────────────────
  {
    category: 'van-hoa',
    at: '2026-01-20T19:30',
    title: 'Chương trình nghệ thuật chào Xuân Bính Ngọ 2026',
    summary: 'Đêm nghệ thuật tại Quảng trường trung tâm tỉnh quy tụ các tiết mục ca múa nhạc dân tộc, đờn ca tài tử và múa lân sư rồng.',
    body: [
      'Tối 20/1/2026, Trung tâm Văn hóa – Điện ảnh tỉnh tổ chức chương trình nghệ thuật chào Xuân Bính Ngọ với chủ đề "Mùa xuân trên quê hương".',
      'Chương trình gồm ba chương: ca ngợi quê hương, sắc màu các dân tộc và khát vọng phát triển. Hơn 200 diễn viên, nghệ nhân và các đội lân sư rồng tham gia biểu diễn.',
      'Ban tổ chức bố trí khu vực riêng cho người khuyết tật và người cao tuổi, có phiên dịch ngôn ngữ ký hiệu cho phần lời dẫn.',
    ],
    tags: ['Tết', 'nghệ thuật', 'biểu diễn'],
  },
  {
    category: 'van-hoa',
    at: '2026-04-08T09:00',
    title: 'Hội thi tuyên truyền lưu động toàn tỉnh năm 2026',
    summary: 'Các đội thông tin lưu động thi tài với chủ đề xây dựng nếp sống văn minh, bảo vệ môi trường và phòng chống ma túy.',
    body: [
      'Hội thi tuyên truyền lưu động năm 2026 diễn ra trong ba ngày tại Nhà văn hóa tỉnh với sự tham gia của 14 đội đến từ các xã, phường.',
      'Mỗi đội trình bày một chương trình dài 30 phút kết hợp tiểu phẩm, hát múa và pa-nô tuyên truyền. Ban giám khảo đánh giá cao các tiết mục khai thác chất liệu dân ca địa phương.',
      'Giải nhất thuộc về đội phường Bình Dương với tiểu phẩm về phân loại rác tại nguồn.',
    ],
    tags: ['thông tin lưu động', 'hội thi'],
  },
  {
    category: 'van-hoa',
    at: '2026-06-28T08:00',
    title: 'Hưởng ứng Ngày Gia đình Việt Nam 28/6',
    summary: 'Chuỗi hoạt động tôn vinh gia đình tiêu biểu, chia sẻ kinh nghiệm xây dựng gia đình no ấm, tiến bộ, hạnh phúc.',
    body: [
      'Nhân Ngày Gia đình Việt Nam 28/6, Sở phối hợp với Hội Liên hiệp Phụ nữ tỉnh tổ chức gặp mặt 50 gia đình tiêu biểu và tọa đàm "Gia đình – nơi giữ gìn nếp nhà".',
      'Các gia đình chia sẻ cách duy trì bữa cơm chung, dạy con ứng xử trên mạng xã hội và chăm sóc ông bà. Ban tổ chức cũng giới thiệu quy định mới về bình xét danh hiệu "Gia đình văn hóa".',
    ],
    tags: ['gia đình', 'ngày Gia đình Việt Nam'],
  },
  {
    category: 'van-hoa',
    at: '2026-08-22T20:00',
    title: 'Liên hoan đờn ca tài tử mở rộng lần thứ V',
    summary: 'Hai mươi câu lạc bộ đờn ca tài tử tham gia liên hoan, góp phần giữ gìn di sản văn hóa phi vật thể đại diện của nhân loại.',
    body: [
      'Liên hoan đờn ca tài tử mở rộng lần thứ V thu hút 20 câu lạc bộ với gần 300 nghệ nhân, trong đó có nhiều thành viên dưới 18 tuổi.',
      'Bên cạnh phần thi, ban tổ chức mở lớp truyền dạy các bài bản tổ cho học sinh và ghi hình toàn bộ tiết mục để lưu trữ tại Thư viện tỉnh.',
    ],
    tags: ['đờn ca tài tử', 'liên hoan', 'di sản phi vật thể'],
  },
  {
    category: 'van-hoa',
    at: '2026-11-20T09:00',
    title: 'Triển lãm ảnh "Đất và người quê hương"',
    summary: 'Hơn 150 tác phẩm ảnh nghệ thuật ghi lại đổi thay của quê hương được trưng bày tại Nhà triển lãm tỉnh đến hết tháng 12.',
    body: [
      'Triển lãm giới thiệu các tác phẩm được tuyển chọn từ cuộc thi ảnh cùng tên, chia thành ba chủ đề: cảnh quan, con người lao động và lễ hội truyền thống.',
      'Khách tham quan được vào cửa miễn phí. Các trường học có thể đăng ký tham quan theo đoàn và nghe thuyết minh tại Văn phòng Sở.',
      'Một số tác phẩm sẽ được sử dụng trong ấn phẩm quảng bá du lịch của tỉnh năm 2027.',
    ],
    tags: ['triển lãm', 'nhiếp ảnh'],
  },
  // ── Thể thao ───────────────────────────────────────────────────────────────
  {
    category: 'the-thao',
    at: '2026-02-28T07:30',
    title: 'Khai mạc Đại hội Thể dục thể thao tỉnh lần thứ X',
    summary: 'Đại hội diễn ra từ tháng 3 đến tháng 8 với 28 môn thi đấu, hơn 4.000 vận động viên đến từ các xã, phường, ngành và lực lượng vũ trang.',
    featured: true,
    body: [
      'Sáng 28/2/2026, Đại hội Thể dục thể thao tỉnh lần thứ X chính thức khai mạc tại Sân vận động tỉnh. Đây là đợt tổng kiểm tra phong trào thể dục thể thao quần chúng và phát hiện tài năng trẻ.',
      'Chương trình thi đấu gồm 28 môn, trong đó có các môn dân tộc như vật, kéo co, đẩy gậy và cờ tướng. Các môn thi đấu được tổ chức luân phiên tại nhiều địa phương.',
      'Thành tích của đại hội là cơ sở để lựa chọn vận động viên tham dự Đại hội Thể dục thể thao toàn quốc.',
    ],
    tags: ['đại hội thể dục thể thao', 'thi đấu'],
    author: 'Phòng Thể dục thể thao',
  },
  {
    category: 'the-thao',
    at: '2026-04-26T06:30',
    title: 'Ngày chạy Olympic vì sức khỏe toàn dân',
    summary: 'Hơn 5.000 người thuộc mọi lứa tuổi tham gia chạy hưởng ứng tại trung tâm tỉnh và các điểm cầu cấp xã.',
    body: [
      'Ngày chạy Olympic vì sức khỏe toàn dân năm 2026 có cự ly 3 km cho học sinh, người cao tuổi và 5 km cho thanh niên.',
      'Ban tổ chức bố trí các điểm nước uống, đội y tế và tình nguyện viên dọc tuyến chạy; rác thải được thu gom, phân loại ngay sau sự kiện.',
    ],
    tags: ['chạy Olympic', 'thể thao quần chúng'],
  },
  {
    category: 'the-thao',
    at: '2026-06-14T16:00',
    title: 'Giải Bơi lội thiếu niên – nhi đồng tỉnh năm 2026',
    summary: 'Hơn 300 vận động viên nhỏ tuổi tranh tài ở các nội dung tự do, ếch, ngửa và bướm; nhiều kỷ lục giải được xác lập.',
    body: [
      'Giải Bơi lội thiếu niên – nhi đồng là hoạt động thường niên trong dịp hè, gắn với chương trình phổ cập bơi và phòng chống đuối nước cho trẻ em.',
      'Trước giải, các huấn luyện viên hướng dẫn kỹ năng an toàn dưới nước cho phụ huynh và học sinh. Năm nay, giải ghi nhận 6 kỷ lục mới ở các nhóm tuổi.',
    ],
    tags: ['bơi lội', 'phòng chống đuối nước', 'thiếu nhi'],
  },
  {
    category: 'the-thao',
    at: '2026-08-30T18:00',
    title: 'Bế mạc Đại hội Thể dục thể thao tỉnh lần thứ X',
    summary: 'Sau gần sáu tháng thi đấu, đại hội khép lại với 96 kỷ lục đại hội bị phá; các đơn vị dẫn đầu được khen thưởng.',
    body: [
      'Lễ bế mạc và trao thưởng được tổ chức tại Nhà thi đấu tỉnh. Ban tổ chức đánh giá đại hội an toàn, tiết kiệm, có nhiều vận động viên trẻ triển vọng.',
      '## Những con số',
      'Đại hội có 28 môn, hơn 4.000 vận động viên; 96 kỷ lục đại hội bị phá, trong đó điền kinh và bơi lội chiếm gần một nửa.',
      'Sở sẽ tổng hợp danh sách vận động viên có thành tích cao để bồi dưỡng, chuẩn bị cho các giải khu vực và toàn quốc.',
    ],
    tags: ['đại hội thể dục thể thao', 'bế mạc'],
  },
  {
    category: 'the-thao',
    at: '2026-10-12T08:00',
    title: 'Giải Việt dã truyền thống mở rộng',
    summary: 'Giải việt dã thu hút các câu lạc bộ chạy bộ trong và ngoài tỉnh, tuyến đường đi qua nhiều điểm di tích và cảnh quan.',
    body: [
      'Giải Việt dã truyền thống mở rộng năm 2026 có cự ly 10 km dành cho vận động viên phong trào và 21 km dành cho các câu lạc bộ.',
      'Tuyến chạy được thiết kế đi qua khu di tích và công viên trung tâm, kết hợp quảng bá hình ảnh địa phương với du khách.',
    ],
    tags: ['việt dã', 'chạy bộ'],
  },
  // ── Du lịch ────────────────────────────────────────────────────────────────
  {
    category: 'du-lich',
    at: '2026-03-05T10:00',
    title: 'Tuần lễ quảng bá du lịch tỉnh năm 2026',
    summary: 'Gian hàng du lịch, ẩm thực, làng nghề và các chương trình kích cầu được giới thiệu tới du khách và doanh nghiệp lữ hành.',
    featured: true,
    body: [
      'Tuần lễ quảng bá du lịch năm 2026 diễn ra từ ngày 5 đến 11/3 tại Công viên trung tâm với hơn 80 gian hàng của doanh nghiệp lữ hành, cơ sở lưu trú, làng nghề và hợp tác xã.',
      'Nhiều tour trải nghiệm vườn cây ăn trái, làng nghề sơn mài và gốm được giảm giá trong thời gian diễn ra sự kiện. Khách tham quan có thể tra cứu thông tin điểm đến bằng mã QR đặt tại mỗi gian hàng.',
      'Ban tổ chức cũng tổ chức hội thảo kết nối doanh nghiệp du lịch với các tỉnh lân cận, hướng đến sản phẩm du lịch liên vùng.',
    ],
    tags: ['quảng bá du lịch', 'kích cầu', 'làng nghề'],
  },
  {
    category: 'du-lich',
    at: '2026-05-19T09:00',
    title: 'Khảo sát sản phẩm du lịch nông nghiệp sinh thái',
    summary: 'Đoàn khảo sát gồm doanh nghiệp lữ hành và chuyên gia đánh giá tiềm năng các vườn cây, trang trại có thể đón khách.',
    body: [
      'Đoàn đã đến 6 điểm vườn cây ăn trái và trang trại hữu cơ, ghi nhận điều kiện đón khách, nhà vệ sinh, bãi đỗ xe và khả năng phục vụ bữa ăn địa phương.',
      'Các chuyên gia khuyến nghị chủ vườn xây dựng câu chuyện sản phẩm, đào tạo người dẫn khách và bảo đảm an toàn thực phẩm trước khi đưa vào tour.',
    ],
    tags: ['du lịch nông nghiệp', 'sinh thái'],
  },
  {
    category: 'du-lich',
    at: '2026-07-20T14:00',
    title: 'Tập huấn nghiệp vụ cho hướng dẫn viên tại điểm',
    summary: 'Hướng dẫn viên tại các khu, điểm du lịch được bồi dưỡng kỹ năng thuyết minh, ứng xử văn minh và hỗ trợ khách khuyết tật.',
    body: [
      'Lớp tập huấn kéo dài ba ngày với nội dung về lịch sử, văn hóa địa phương, kỹ năng thuyết minh và xử lý tình huống.',
      'Học viên đạt yêu cầu được cấp giấy chứng nhận, là một điều kiện để đề nghị cấp thẻ hướng dẫn viên du lịch tại điểm theo quy định.',
    ],
    tags: ['hướng dẫn viên', 'tập huấn'],
  },
  {
    category: 'du-lich',
    at: '2026-09-27T08:30',
    title: 'Hưởng ứng Ngày Du lịch thế giới 27/9',
    summary: 'Nhiều khu, điểm du lịch giảm giá vé, tổ chức tham quan miễn phí cho học sinh và người cao tuổi trong tuần lễ 27/9.',
    body: [
      'Hưởng ứng Ngày Du lịch thế giới, Sở phát động chương trình "Người dân đi du lịch quê mình" với các ưu đãi từ 10% đến 50% tại khu du lịch, cơ sở lưu trú và nhà hàng tham gia.',
      'Danh sách đơn vị tham gia được đăng tải trên cổng thông tin và cập nhật hằng ngày.',
    ],
    tags: ['ngày Du lịch thế giới', 'kích cầu'],
  },
  {
    category: 'du-lich',
    at: '2026-11-02T10:00',
    title: 'Công bố bộ nhận diện thương hiệu du lịch của tỉnh',
    summary: 'Bộ nhận diện gồm biểu trưng, khẩu hiệu và hướng dẫn sử dụng, được phép dùng miễn phí cho doanh nghiệp du lịch trên địa bàn.',
    body: [
      'Sau gần một năm lấy ý kiến cộng đồng và chuyên gia, bộ nhận diện thương hiệu du lịch của tỉnh chính thức được công bố.',
      'Doanh nghiệp, cơ sở du lịch có thể tải bộ nhận diện và hướng dẫn sử dụng trên cổng thông tin; việc sử dụng cần tuân thủ tỷ lệ, màu sắc và không làm sai lệch biểu trưng.',
    ],
    tags: ['thương hiệu du lịch', 'nhận diện'],
  },
  // ── Thư viện ───────────────────────────────────────────────────────────────
  {
    category: 'thu-vien',
    at: '2026-04-21T08:00',
    featured: true,
    title: 'Ngày Sách và Văn hóa đọc Việt Nam tại Thư viện tỉnh',
    summary: 'Hội sách, giao lưu tác giả, trưng bày sách địa chí và chương trình "Đổi sách cũ – nhận sách mới" thu hút đông đảo bạn đọc.',
    body: [
      'Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam 21/4, Thư viện tỉnh tổ chức chuỗi hoạt động kéo dài một tuần dành cho mọi lứa tuổi.',
      'Điểm nhấn là khu trưng bày tài liệu địa chí quý, lần đầu giới thiệu bản số hóa của một số tư liệu cổ về vùng đất và con người địa phương.',
      'Chương trình "Đổi sách cũ – nhận sách mới" thu về hơn 2.000 cuốn, sẽ được bổ sung cho tủ sách các trường học vùng sâu.',
    ],
    tags: ['văn hóa đọc', 'ngày sách', 'thư viện'],
  },
  {
    category: 'thu-vien',
    at: '2026-06-01T08:30',
    title: 'Thư viện lưu động phục vụ thiếu nhi dịp hè',
    summary: 'Xe thư viện lưu động mang hơn 3.000 đầu sách, máy tính và hoạt động kể chuyện đến các điểm trường trong suốt kỳ nghỉ hè.',
    body: [
      'Từ ngày 1/6 đến cuối tháng 8, xe thư viện lưu động sẽ đến 40 điểm trường và nhà văn hóa, mỗi điểm phục vụ một buổi.',
      'Các em được mượn sách, nghe kể chuyện, xem phim hoạt hình giáo dục và tham gia cuộc thi vẽ tranh về cuốn sách em yêu thích.',
    ],
    tags: ['thư viện lưu động', 'thiếu nhi', 'hè'],
  },
  {
    category: 'thu-vien',
    at: '2026-08-10T09:00',
    title: 'Cuộc thi Đại sứ Văn hóa đọc năm 2026',
    summary: 'Học sinh giới thiệu cuốn sách yêu thích qua bài viết, video ngắn; bài dự thi xuất sắc được chọn dự thi cấp quốc gia.',
    body: [
      'Cuộc thi Đại sứ Văn hóa đọc năm 2026 nhận được hơn 1.500 bài dự thi của học sinh tiểu học, trung học cơ sở và trung học phổ thông.',
      'Ban giám khảo đánh giá cao các bài dự thi biết liên hệ nội dung sách với đời sống; nhiều video được thực hiện công phu, có phụ đề cho người khiếm thính.',
    ],
    tags: ['cuộc thi', 'văn hóa đọc', 'học sinh'],
  },
  {
    category: 'thu-vien',
    at: '2026-10-05T10:00',
    title: 'Ra mắt kho tài liệu địa chí số',
    summary: 'Bạn đọc có thể tra cứu trực tuyến sách, báo, bản đồ và ảnh tư liệu về địa phương; dữ liệu theo chuẩn thư viện để liên thông.',
    body: [
      'Kho tài liệu địa chí số gồm hơn 5.000 biểu ghi và 1.200 tài liệu toàn văn đã được số hóa, mô tả theo chuẩn MARC21 và Dublin Core.',
      'Kho hỗ trợ giao thức thu thập siêu dữ liệu OAI-PMH, cho phép các thư viện khác và cơ sở dữ liệu quốc gia liên thông, khai thác.',
      'Tài liệu còn trong thời hạn bảo hộ quyền tác giả chỉ được đọc tại thư viện.',
    ],
    tags: ['địa chí', 'số hóa', 'thư viện số'],
  },
  {
    category: 'thu-vien',
    at: '2026-11-18T14:00',
    title: 'Thư viện tỉnh mở không gian đọc cho người khiếm thị',
    summary: 'Không gian đọc mới có sách chữ nổi, sách nói và máy tính cài phần mềm đọc màn hình, phục vụ miễn phí.',
    body: [
      'Không gian đọc dành cho người khiếm thị được bố trí tại tầng trệt, lối đi có gạch dẫn hướng và nhân viên hỗ trợ.',
      'Thư viện tiếp nhận sách nói do tình nguyện viên thu âm; bạn đọc có thể mượn về nhà qua thẻ nhớ hoặc nghe trực tuyến.',
    ],
    tags: ['người khiếm thị', 'tiếp cận', 'thư viện'],
  },
  // ── Di sản ─────────────────────────────────────────────────────────────────
  {
    category: 'di-san',
    at: '2026-01-10T09:00',
    featured: true,
    title: 'Đón nhận bằng xếp hạng di tích cấp tỉnh cho đình làng cổ',
    summary: 'Đình làng hơn 150 năm tuổi được xếp hạng di tích lịch sử – văn hóa cấp tỉnh, mở ra cơ hội tu bổ và phát huy giá trị.',
    body: [
      'Sáng 10/1/2026, chính quyền và nhân dân địa phương long trọng tổ chức lễ đón nhận bằng xếp hạng di tích lịch sử – văn hóa cấp tỉnh cho ngôi đình làng.',
      'Theo hồ sơ khoa học, đình còn giữ được bộ khung gỗ chạm khắc tinh xảo, nhiều sắc phong và hoành phi câu đối. Khu vực bảo vệ I và II của di tích đã được cắm mốc giới.',
      'Lãnh đạo Sở đề nghị địa phương xây dựng quy chế quản lý di tích, phát huy vai trò của cộng đồng trong bảo vệ và tổ chức lễ hội đúng truyền thống.',
    ],
    tags: ['xếp hạng di tích', 'đình làng', 'di tích cấp tỉnh'],
    author: 'Phòng Quản lý di sản',
  },
  {
    category: 'di-san',
    at: '2026-04-18T08:00',
    title: 'Phát động chương trình "Em yêu di sản quê hương" trong trường học',
    summary: 'Chương trình "Em yêu di sản quê hương" đưa học sinh đến tham quan, tìm hiểu các di tích trên địa bàn suốt năm học.',
    body: [
      'Sở phối hợp với ngành giáo dục phát động chương trình "Em yêu di sản quê hương". Mỗi trường nhận đỡ đầu một di tích gần trường, tổ chức ít nhất hai buổi học ngoại khóa tại di tích.',
      'Kết quả chương trình sẽ được tổng kết vào dịp Ngày Di sản văn hóa Việt Nam 23/11.',
    ],
    tags: ['giáo dục di sản', 'học sinh'],
  },
  {
    category: 'di-san',
    at: '2026-07-08T10:00',
    title: 'Tu bổ, chống xuống cấp di tích nhà cổ',
    summary: 'Công trình tu bổ khẩn cấp mái ngói và hệ cột của ngôi nhà cổ được thực hiện theo phương án đã được thẩm định.',
    body: [
      'Ngôi nhà cổ là di tích cấp tỉnh, có nhiều hạng mục xuống cấp sau mùa mưa năm trước. Phương án tu bổ giữ tối đa vật liệu gốc, thay thế cấu kiện hư hỏng bằng gỗ cùng loại.',
      'Trong thời gian thi công, di tích tạm ngừng đón khách; toàn bộ quá trình được chụp ảnh, lập hồ sơ để lưu trữ.',
    ],
    tags: ['tu bổ di tích', 'nhà cổ'],
  },
  {
    category: 'di-san',
    at: '2026-09-03T09:30',
    title: 'Kiểm kê di sản văn hóa phi vật thể trên địa bàn tỉnh',
    summary: 'Đợt kiểm kê ghi nhận các loại hình nghệ thuật trình diễn, lễ hội, nghề thủ công truyền thống và tri thức dân gian.',
    body: [
      'Các nhóm kiểm kê đã làm việc với nghệ nhân, người thực hành di sản ở nhiều xã, phường, ghi chép, chụp ảnh và ghi âm tư liệu.',
      'Kết quả kiểm kê là cơ sở để lập hồ sơ đề nghị đưa di sản vào Danh mục di sản văn hóa phi vật thể quốc gia và xây dựng chính sách hỗ trợ nghệ nhân.',
      'Người dân biết về di sản đang có nguy cơ mai một có thể cung cấp thông tin qua mục Phản ánh, kiến nghị.',
    ],
    tags: ['kiểm kê', 'di sản phi vật thể', 'nghệ nhân'],
  },
  {
    category: 'di-san',
    at: '2026-11-23T08:00',
    title: 'Trưng bày chuyên đề "Hiện vật kể chuyện" tại Bảo tàng tỉnh',
    summary: 'Nhân Ngày Di sản văn hóa Việt Nam, Bảo tàng tỉnh giới thiệu 120 hiện vật tiêu biểu cùng câu chuyện về người hiến tặng.',
    body: [
      'Trưng bày chuyên đề kéo dài đến hết tháng 2/2027, giới thiệu hiện vật gốm, đồ đồng, tư liệu giấy và ảnh cũ do người dân hiến tặng trong 30 năm qua.',
      'Mỗi hiện vật có mã QR dẫn đến thuyết minh bằng tiếng Việt và tiếng Anh. Bảo tàng mở cửa miễn phí vào ngày 23/11.',
    ],
    tags: ['bảo tàng', 'trưng bày', 'ngày Di sản văn hóa Việt Nam'],
  },
];

export const DEMO_ARTICLES: DemoArticle[] = A.map((a) => ({ ...a, summary: `${a.summary}${MARK}` }));
