/** The key that identifies a post in a run: post ids are unique only within a platform. */
export function postKey(platform: string, postId: string): string {
  return `${platform}\u0000${postId}`;
}
