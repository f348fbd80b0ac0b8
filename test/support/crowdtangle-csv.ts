/** Builds small CrowdTangle Facebook exports (header verbatim from FORMATS.md) for tests. */
export const crowdtangleHeader = [
  'Page Name', 'User Name', 'Facebook Id', 'Page Category', 'Page Admin Top Country', 'Page Description', 'Page Created',
  'Likes at Posting', 'Followers at Posting', 'Post Created', 'Post Created Date', 'Post Created Time', 'Type',
  'Total Interactions', 'Likes', 'Comments', 'Shares', 'Love', 'Wow', 'Haha', 'Sad', 'Angry', 'Care',
  'Video Share Status', 'Is Video Owner?', 'Post Views', 'Total Views', 'Total Views For All Crossposts', 'Video Length',
  'URL', 'Message', 'Link', 'Final Link', 'Image Text', 'Link Text', 'Description', 'Sponsor Id', 'Sponsor Name',
  'Sponsor Category', 'Overperforming Score (weighted  —  Likes 1x Shares 1x Comments 1x Love 1x Wow 1x Haha 1x Sad 1x Angry 1x Care 1x )',
];

export interface CrowdtanglePost {
  page: string;
  handle: string;
  pageId: string;
  postId: string;
  created: string;
  message: string;
  likes?: string;
  comments?: string;
  shares?: string;
  followers?: string;
  link?: string;
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function crowdtangleRow(p: CrowdtanglePost): string {
  const [date, time] = p.created.split(' ');
  const values: Record<string, string> = {
    'Page Name': p.page,
    'User Name': p.handle,
    'Facebook Id': p.pageId,
    'Page Category': 'NONPROFIT',
    'Page Admin Top Country': 'US',
    'Page Created': '2012-05-14 16:26:44',
    'Likes at Posting': p.followers ?? '1,200',
    'Followers at Posting': p.followers ?? '1,500',
    'Post Created': p.created,
    'Post Created Date': date ?? '',
    'Post Created Time': time ?? '',
    Type: p.link ? 'Link' : 'Status',
    'Total Interactions': '1,234',
    Likes: p.likes ?? '1,000',
    Comments: p.comments ?? '200',
    Shares: p.shares ?? '34',
    Love: '0', Wow: '0', Haha: '0', Sad: '0', Angry: '0', Care: '0',
    'Video Length': 'N/A',
    URL: `https://www.facebook.com/${p.pageId}/posts/${p.postId}`,
    Message: p.message,
    Link: p.link ?? '',
  };
  return crowdtangleHeader.map((h) => quote(values[h] ?? '')).join(',');
}

/** A whole file: BOM, header, rows, with \n line ends. */
export function crowdtangleCsv(posts: CrowdtanglePost[], { bom = true } = {}): string {
  return `${bom ? '\ufeff' : ''}${crowdtangleHeader.map(quote).join(',')}\n${posts.map(crowdtangleRow).join('\n')}\n`;
}
